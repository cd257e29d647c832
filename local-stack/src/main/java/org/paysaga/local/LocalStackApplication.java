package org.paysaga.local;

import org.paysaga.worker.WorkerApplication;
import org.springframework.boot.SpringApplication;

/**
 * {@code java -jar local-stack/target/saga-local.jar}: the worker app, exactly as
 * {@code worker-app.jar} runs it ({@link WorkerApplication#main}), with its Temporal and Redis
 * started in front of it by {@link LocalStackRunListener} (docs/worker-app.md "The local stack").
 */
public final class LocalStackApplication {
  private LocalStackApplication() {}

  public static void main(String[] args) {
    SpringApplication.withHook(LocalStackRunListener::new, () -> WorkerApplication.main(args));
  }
}
