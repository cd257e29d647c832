package org.paysaga.saga;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The custom search attributes of every saga (docs/operations.md "Search attributes"), all Keyword.
 * They are the only saga data Temporal keeps in plaintext, so they never hold a card token or an
 * amount. A namespace must have them registered, or every saga's first workflow task fails: the dev
 * server through {@code --search-attribute} (deploy/temporal/search-attributes, checked against
 * this list by the tests), a cluster through {@code temporal operator search-attribute create},
 * Temporal's Java test server through {@link #register}.
 */
public final class SagaSearchAttributes {
  public static final SearchAttributeKey<String> SAGA_STATUS = SearchAttributeKey.forKeyword("SagaStatus");
  public static final SearchAttributeKey<String> SAGA_TYPE = SearchAttributeKey.forKeyword("SagaType");
  public static final SearchAttributeKey<String> PAYMENT_NO = SearchAttributeKey.forKeyword("PaymentNo");
  public static final SearchAttributeKey<String> MERCHANT_ID = SearchAttributeKey.forKeyword("MerchantId");
  /** The forward step whose failure made the saga compensate or recover. */
  public static final SearchAttributeKey<String> FAILED_STEP = SearchAttributeKey.forKeyword("SagaFailedStep");

  /** Every key, in the order of deploy/temporal/search-attributes. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(SAGA_STATUS, SAGA_TYPE, PAYMENT_NO, MERCHANT_ID, FAILED_STEP);

  private SagaSearchAttributes() {}

  /** {@code Name=Keyword} for each key: the dev server's {@code --search-attribute} values. */
  public static List<String> devServerFlags() {
    return ALL.stream().map(key -> key.getName() + "=Keyword").toList();
  }

  /** The saga attributes a workflow carries, by name, in the order of {@link #ALL}; absent ones left out. */
  public static Map<String, String> values(SearchAttributes attributes) {
    Map<String, String> values = new LinkedHashMap<>();
    for (SearchAttributeKey<String> key : ALL) {
      if (attributes != null && attributes.containsKey(key)) {
        values.put(key.getName(), attributes.get(key));
      }
    }
    return values;
  }

  /**
   * The saga attributes the namespace lacks (or has with another type), or empty when the server
   * cannot say: Temporal's Java test server does not implement {@code ListSearchAttributes}.
   */
  public static Optional<List<String>> missing(WorkflowServiceStubs stubs, String namespace) {
    Map<String, IndexedValueType> registered;
    try {
      registered = OperatorServiceGrpc.newBlockingStub(stubs.getRawChannel())
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(ALL.stream().map(SearchAttributeKey::getName)
        .filter(name -> registered.get(name) != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .toList());
  }

  /** {@link #register(WorkflowServiceStubs, String)} on the server at {@code target}, over a connection of its own. */
  public static void register(String target, String namespace) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      register(stubs, namespace);
    } finally {
      stubs.shutdownNow();
    }
  }

  /**
   * Registers every saga attribute in the namespace, for servers the project starts itself
   * (Temporal's Java test server); one already there is left as it is.
   */
  public static void register(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceGrpc.OperatorServiceBlockingStub operator = OperatorServiceGrpc.newBlockingStub(stubs.getRawChannel());
    for (SearchAttributeKey<String> key : ALL) {
      try {
        operator.addSearchAttributes(AddSearchAttributesRequest.newBuilder().setNamespace(namespace)
            .putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
  }
}
