package org.paysaga.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import sun.misc.Signal;

/**
 * The worker app: hosts the saga workers next to a Temporal cluster and a Redis
 * ({@code local-stack/target/saga-local.jar} starts both in front of this same app).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

  public static void main(String[] args) {
    exitZeroOnTermination();
    SpringApplication.run(WorkerApplication.class, args);
  }

  /**
   * SIGTERM (docker stop, Kubernetes) and SIGINT (Ctrl-C) shut the app down gracefully, as the
   * JVM's own handling does (Spring's shutdown hook stops the workers, waits for running
   * activities, closes the connections), but then exit with status 0 instead of 143 or 130: a
   * requested stop is a clean exit.
   */
  private static void exitZeroOnTermination() {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> {
          Thread exit = new Thread(() -> System.exit(0), "shutdown-on-SIG" + name);
          exit.start();
        });
      } catch (IllegalArgumentException e) {
        // This platform does not know the signal (Windows and TERM): keep the JVM's handling.
      }
    }
  }
}
