package org.paysaga.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.testsupport.FreePorts;

/** The workers start when Temporal answers, however late, and the app is never failed meanwhile. */
class WorkerStarterTest {
  private final int port = FreePorts.free();
  private final String target = "127.0.0.1:" + port;
  private final WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
      WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  private final WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
  private final List<Object> events = new CopyOnWriteArrayList<>();
  private final List<String> fatal = new CopyOnWriteArrayList<>();
  private final WorkerStarter starter = new WorkerStarter(factory, new SearchAttributeCheck(stubs, "default"),
      events::add, target, fatal::add);
  private TestServer.PortBoundTestServer server;

  @AfterEach
  void stop() {
    starter.stop();
    factory.shutdownNow();
    stubs.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void keepsTryingWhileTemporalIsAwayThenStartsTheWorkers() {
    factory.newWorker("worker-starter-test");
    starter.start();
    starter.onApplicationEvent(null);

    await().atMost(Duration.ofSeconds(20)).until(() -> starter.lastError() != null);
    assertThat(starter.lastError()).contains("UNAVAILABLE");
    assertThat(factory.isStarted()).isFalse();
    assertThat(events).isEmpty();

    server = TestServer.createPortBoundServer(port);
    await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());

    assertThat(factory.isStarted()).isTrue();
    assertThat(starter.lastError()).isNull();
    assertThat(events).singleElement().isInstanceOfSatisfying(WorkersStartedEvent.class,
        started -> assertThat(started.javaTestServer()).as("the test server has no visibility API").isTrue());
    assertThat(fatal).isEmpty();
  }

  @Test
  void stoppingTheAppEndsTheAttempts() {
    factory.newWorker("worker-starter-test");
    starter.start();
    starter.onApplicationEvent(null);
    await().atMost(Duration.ofSeconds(20)).until(() -> starter.lastError() != null);

    starter.stop();
    server = TestServer.createPortBoundServer(port);

    // A loop still running would start the workers at its next attempt (at most 4 s away here).
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> !factory.isStarted());
    assertThat(events).isEmpty();
  }
}
