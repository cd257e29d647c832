package org.paysaga.dlq;

/** No DLQ entry under this saga ID. */
public final class DlqEntryNotFoundException extends RuntimeException {
  private final String sagaId;

  public DlqEntryNotFoundException(String sagaId) {
    super("no DLQ entry for saga " + sagaId);
    this.sagaId = sagaId;
  }

  public String sagaId() {
    return sagaId;
  }
}
