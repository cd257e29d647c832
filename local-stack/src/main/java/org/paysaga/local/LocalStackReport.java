package org.paysaga.local;

import org.paysaga.local.LocalStack.Service;
import org.paysaga.worker.temporal.WorkersStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;

/**
 * Logs, once the workers poll (after the worker's own "ready" report), which Temporal and Redis
 * the local stack provides and how, and where the Temporal UI is, or that there is none.
 */
final class LocalStackReport implements ApplicationListener<WorkersStartedEvent> {
  private static final Logger log = LoggerFactory.getLogger("org.paysaga.local");

  private final Service temporal;
  private final Service redis;

  LocalStackReport(LocalStack stack) {
    this(stack.temporal(), stack.redis());
  }

  LocalStackReport(Service temporal, Service redis) {
    this.temporal = temporal;
    this.redis = redis;
  }

  @Override
  public void onApplicationEvent(WorkersStartedEvent event) {
    log.info(report());
  }

  String report() {
    StringBuilder text = new StringBuilder("Local stack (stops with this process)");
    text.append(String.format("%n  Temporal     %s", temporal.describe()));
    text.append(String.format("%n  Redis        %s", redis.describe()));
    if (temporal.javaTestServer()) {
      text.append(String.format("%n  Temporal UI  none: Temporal's Java test server has no UI (scripts/temporal.sh"
          + " install builds the dev server, which has one); use the CLI's status and history"));
    } else if (temporal.uiUrl() != null) {
      text.append(String.format("%n  Temporal UI  %s", temporal.uiUrl()));
    }
    return text.toString();
  }
}
