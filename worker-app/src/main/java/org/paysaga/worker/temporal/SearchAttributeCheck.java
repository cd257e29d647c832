package org.paysaga.worker.temporal;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Optional;
import org.paysaga.saga.SagaSearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the workers poll: the namespace must have the saga search attributes, or every saga's
 * first workflow task would fail (and retry forever) on its first upsert. A namespace that lacks
 * them stops the worker at start, naming them and how to register them.
 */
final class SearchAttributeCheck {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeCheck.class);

  private final WorkflowServiceStubs stubs;
  private final String namespace;

  SearchAttributeCheck(WorkflowServiceStubs stubs, String namespace) {
    this.stubs = stubs;
    this.namespace = namespace;
  }

  /**
   * @return false on a server that cannot list search attributes: Temporal's Java test server,
   *     which has no visibility and no UI either
   * @throws MissingSearchAttributesException when the namespace lacks one
   */
  boolean verify() {
    Optional<List<String>> missing = SagaSearchAttributes.missing(stubs, namespace);
    if (missing.isEmpty()) {
      log.info("Search attributes: this Temporal server cannot list them (Temporal's Java test server); not checked");
      return false;
    }
    if (!missing.get().isEmpty()) {
      throw new MissingSearchAttributesException(namespace, missing.get());
    }
    return true;
  }

  /** The namespace lacks saga search attributes: the worker must not start. */
  static final class MissingSearchAttributesException extends IllegalStateException {
    MissingSearchAttributesException(String namespace, List<String> names) {
      super("Namespace " + namespace + " lacks the search attributes " + String.join(", ", names)
          + " (Keyword): every saga would fail on its first workflow task. Register them and start the worker"
          + " again, e.g. " + String.join("; ", names.stream().map(name -> "temporal operator search-attribute create"
              + " --namespace " + namespace + " --name " + name + " --type Keyword").toList())
          + " (Temporal Cloud: tcld namespace search-attributes add; see docs/operations.md \"Search attributes\").");
    }
  }
}
