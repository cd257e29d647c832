package org.paysaga.worker.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Starts the workers once the app is ready, and keeps trying while Temporal does not answer (or
 * the namespace does not exist yet) instead of failing the app: the {@code temporal} health
 * indicator is DOWN meanwhile, and the workers poll as soon as Temporal is there. (The starter's
 * own start, {@code spring.temporal.start-workers}, fails the whole app when Temporal is away, so
 * application.yaml turns it off.)
 */
public class WorkerStarter extends BackgroundStart implements ApplicationListener<ApplicationReadyEvent> {
  private static final Logger log = LoggerFactory.getLogger(WorkerStarter.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

  private final WorkerFactory workerFactory;
  private final SearchAttributeCheck searchAttributes;
  private final ApplicationEventPublisher events;
  private final String target;
  private final Consumer<String> fatal;
  private volatile String lastError;

  /** @param fatal stops the app with this message (a namespace without the search attributes) */
  WorkerStarter(WorkerFactory workerFactory, SearchAttributeCheck searchAttributes, ApplicationEventPublisher events,
      String target, Consumer<String> fatal) {
    this.workerFactory = workerFactory;
    this.searchAttributes = searchAttributes;
    this.events = events;
    this.target = target;
    this.fatal = fatal;
  }

  /** Why the workers did not start yet, or null. */
  public String lastError() {
    return lastError;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    launch("saga-worker-starter");
  }

  @Override
  protected void attemptUntilDone() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), MAX_BACKOFF);
    int failures = 0;
    while (isRunning()) {
      try {
        boolean visibility = searchAttributes.verify();
        workerFactory.start();
        lastError = null;
        if (failures > 0) {
          log.info("Temporal at {} answers: the workers start", target);
        }
        events.publishEvent(new WorkersStartedEvent(this,
            Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()), !visibility));
        return;
      } catch (SearchAttributeCheck.MissingSearchAttributesException e) {
        lastError = e.getMessage();
        fatal.accept(e.getMessage());
        return;
      } catch (StatusRuntimeException e) {
        lastError = e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
            : ": " + e.getStatus().getDescription());
      } catch (RuntimeException e) {
        if (!isRunning()) {
          return;
        }
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      failures++;
      if (failures == 1 || failures % 10 == 0) {
        log.warn("Temporal at {} does not take the workers yet ({}); they start as soon as it does "
            + "(retrying at least every {} s)", target, lastError, MAX_BACKOFF.toSeconds());
      }
      if (!backoff.sleep()) {
        return;
      }
    }
  }
}
