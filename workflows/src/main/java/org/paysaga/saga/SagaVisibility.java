package org.paysaga.saga;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a saga's search attributes ({@link SagaSearchAttributes}) in step with its status, so
 * operators find it in the Temporal UI and with {@code saga list}. Sagas started before this
 * existed recorded no upserts: {@code Workflow.getVersion} keeps their histories replaying.
 *
 * <p>Workflow code only.
 */
final class SagaVisibility {
  static final String CHANGE_ID = "saga-search-attributes";

  private final boolean enabled;
  private SagaStatus shown;
  private String failedStep;

  /** Call at the same point of every run: the version marker is recorded there. */
  SagaVisibility() {
    enabled = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** @param businessKey the payment (or refund) number, null when the request had none; merchantId likewise */
  void started(String sagaType, String businessKey, String merchantId, SagaStatus status) {
    if (!enabled) {
      return;
    }
    shown = status;
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>(List.of(
        SagaSearchAttributes.SAGA_STATUS.valueSet(status.name()), SagaSearchAttributes.SAGA_TYPE.valueSet(sagaType)));
    if (businessKey != null) {
      updates.add(SagaSearchAttributes.PAYMENT_NO.valueSet(businessKey));
    }
    if (merchantId != null) {
      updates.add(SagaSearchAttributes.MERCHANT_ID.valueSet(merchantId));
    }
    Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
  }

  void status(SagaStatus status) {
    if (enabled && status != shown) {
      shown = status;
      Workflow.upsertTypedSearchAttributes(SagaSearchAttributes.SAGA_STATUS.valueSet(status.name()));
    }
  }

  /** The first forward step that failed for good. */
  void failedStep(String step) {
    if (enabled && failedStep == null) {
      failedStep = step;
      Workflow.upsertTypedSearchAttributes(SagaSearchAttributes.FAILED_STEP.valueSet(step));
    }
  }
}
