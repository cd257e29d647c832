package org.paysaga.saga;

/** No saga runs or ran under this ID (within the namespace's retention). */
public final class SagaNotFoundException extends RuntimeException {
  private final String sagaId;

  public SagaNotFoundException(String sagaId, Throwable cause) {
    super("no saga with ID " + sagaId, cause);
    this.sagaId = sagaId;
  }

  public String sagaId() {
    return sagaId;
  }
}
