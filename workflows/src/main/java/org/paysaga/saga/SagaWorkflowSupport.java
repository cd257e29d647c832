package org.paysaga.saga;

/**
 * The query and operator signals every saga workflow answers the same way, through its
 * {@link SagaRun}. A saga type extends this and runs its steps on {@link #run()}.
 */
public abstract class SagaWorkflowSupport implements SagaWorkflow {

  /** The saga's run; null until the workflow method created it. */
  protected abstract SagaRun run();

  @Override
  public SagaState state() {
    SagaRun run = run();
    return run == null ? null : run.state();
  }

  @Override
  public void retryCompensation() {
    SagaRun run = run();
    if (run != null) {
      run.requestRetry();
    }
  }

  @Override
  public void resolve(String note) {
    SagaRun run = run();
    if (run != null) {
      run.resolve(note);
    }
  }
}
