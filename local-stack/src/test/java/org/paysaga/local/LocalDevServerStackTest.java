package org.paysaga.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paysaga.redis.RedisEndpoint;
import org.paysaga.testsupport.FreePorts;

/**
 * The local stack on the real engine: the dev server found as the product finds it, its UI, the
 * saga search attributes, and a workflow and a Redis key that outlive a restart of the stack.
 * Skipped where no temporal CLI is installed, never in CI ({@code .ci/run} installs it first).
 */
class LocalDevServerStackTest {
  @TempDir
  Path dataDir;

  @Test
  void theDevServerKeepsSagasAndRedisKeepsTheirRecordsAcrossARestart() throws Exception {
    Optional<Path> cli = TemporalCli.locate(null, System.getenv());
    if (System.getenv("CI") == null) {
      assumeThat(cli).as("no temporal CLI: scripts/temporal.sh install builds it").isPresent();
    }
    assertThat(cli).as("CI installs the temporal CLI before the build (scripts/temporal.sh install)").isPresent();
    int[] ports = FreePorts.distinct(2);
    int temporalPort = ports[0];
    int redisPort = ports[1];
    String target = "127.0.0.1:" + temporalPort;
    RedisEndpoint redis = RedisEndpoint.parse("redis://127.0.0.1:" + redisPort, false);
    LocalProperties settings = new LocalProperties(LocalProperties.Engine.DEV_SERVER, cli.get(), dataDir);
    String workflowId = "local-stack-" + temporalPort;

    try (LocalStack stack = LocalStack.start(target, false, "default", redis, settings, Map.of(), null)) {
      assertThat(stack.temporal().origin()).isEqualTo(LocalStack.Origin.DEV_SERVER);
      assertThat(stack.temporal().uiUrl()).isEqualTo("http://127.0.0.1:" + (temporalPort + 1000));
      HttpResponse<String> ui = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(stack.temporal().uiUrl())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ui.statusCode()).isEqualTo(200);
      assertThat(ui.body()).as("the UI's SvelteKit page").contains("/_app/immutable/");
      assertThat(searchAttributes(target)).containsAllEntriesOf(Map.of(
          "SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "SagaType", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "PaymentNo", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "MerchantId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "SagaFailedStep", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      withClient(target, client -> client.newUntypedWorkflowStub("PaymentSaga",
          WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("nobody-polls").build()).start());
      withRedis(redisPort, connection -> connection.sync().set("local-stack-test", "kept"));
    }
    assertThat(EndpointProbe.listening("127.0.0.1", temporalPort)).as("stopped with the stack").isFalse();

    try (LocalStack again = LocalStack.start(target, false, "default", redis, settings, Map.of(), null)) {
      withClient(target, client -> assertThat(client.getWorkflowServiceStubs().blockingStub()
          .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
          .getWorkflowExecutionInfo().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
      withRedis(redisPort, connection -> assertThat(connection.sync().get("local-stack-test")).isEqualTo("kept"));
    }
  }

  private static Map<String, IndexedValueType> searchAttributes(String target) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      return OperatorServiceGrpc.newBlockingStub(stubs.getRawChannel()).listSearchAttributes(
          ListSearchAttributesRequest.newBuilder().setNamespace("default").build()).getCustomAttributesMap();
    } finally {
      stubs.shutdownNow();
    }
  }

  private interface WithClient {
    Object apply(WorkflowClient client) throws Exception;
  }

  private static void withClient(String target, WithClient body) throws Exception {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      body.apply(WorkflowClient.newInstance(stubs));
    } finally {
      stubs.shutdownNow();
    }
  }

  private interface WithRedis {
    Object apply(StatefulRedisConnection<String, String> connection);
  }

  private static void withRedis(int port, WithRedis body) {
    RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      body.apply(connection);
    } finally {
      client.shutdown();
    }
  }
}
