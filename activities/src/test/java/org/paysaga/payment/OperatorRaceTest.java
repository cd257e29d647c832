package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.dlq.RetryOutcome;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testing.TestPayments;

/**
 * Two operators act on one parked saga at the same moment: one action takes effect, the other is
 * refused saying why, and a resolved saga never gets a compensation started after it. Repeated,
 * since a race shows only now and then.
 */
class OperatorRaceTest {
  private static final int ROUNDS = 6;
  private PaymentSagaTestRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void retryAndResolveAtOnceOneTakesEffectTheOtherIsRefused() throws Exception {
    rig = PaymentSagaTestRig.withSettings(new SagaSettings(Duration.ofMinutes(1), Duration.ofMinutes(1)));
    List<String> winners = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      PaymentRequest request = TestPayments.payment("tok_refund_fail", "m_frozen");
      rig.payments.start(request);
      rig.awaitStatus(request.sagaId(), SagaStatus.DLQ, Duration.ofHours(1));
      String id = request.sagaId();

      List<String> outcomes = atOnce(
          () -> { RetryOutcome retry = rig.dlqService.retry(id); return "retry:" + retry.signalled(); },
          () -> { rig.dlqService.resolve(id, "refunded by hand, round " + winners.size()); return "resolve"; });

      List<String> done = outcomes.stream().filter(o -> !o.startsWith("refused")).toList();
      assertThat(done).as("round %d: %s", round, outcomes).hasSize(1);
      assertThat(outcomes).as("round %d", round).anyMatch(o -> o.startsWith("refused: ")
          && (o.contains("another operator action on saga " + id) || o.contains("no longer waits in the DLQ")));
      winners.add(done.get(0));
      if (done.get(0).equals("resolve")) {
        SagaState resolved = rig.payments.await(request.paymentNo(), Duration.ofMinutes(5));
        assertThat(resolved.status()).isEqualTo(SagaStatus.RESOLVED);
        assertThat(rig.dlq.get(id)).isEmpty();
        assertNoCompensationWorkflow(id);
      } else {
        // The retry's refund fails again: the saga parks again, one operator retry counted, never resolved.
        DlqEntry again = awaitEntry(id, entry -> entry.retries() == 1);
        assertThat(again.source()).isEqualTo(DlqEntry.SOURCE_RECOVERY);
        assertThat(rig.payments.state(id).status()).isEqualTo(SagaStatus.DLQ);
        assertNoCompensationWorkflow(id);
      }
    }
    System.out.println("operator races, winners by round: " + winners);
  }

  @Test
  void aResolvedSagaIsNeverRetriedAfterwards() throws Exception {
    rig = PaymentSagaTestRig.withSettings(new SagaSettings(Duration.ofMinutes(1), Duration.ofMinutes(1)));
    PaymentRequest request = TestPayments.payment("tok_refund_fail", "m_frozen");
    rig.payments.start(request);
    rig.awaitStatus(request.sagaId(), SagaStatus.DLQ, Duration.ofHours(1));

    rig.dlqService.resolve(request.sagaId(), "refunded by hand");
    List<String> late = atOnce(() -> { rig.dlqService.retry(request.sagaId()); return "retry"; },
        () -> { rig.dlqService.resolve(request.sagaId(), "again"); return "resolve"; });

    assertThat(late).allMatch(o -> o.startsWith("refused") || o.startsWith("not found"));
    assertThat(rig.payments.await(request.paymentNo(), Duration.ofMinutes(1)).status()).isEqualTo(SagaStatus.RESOLVED);
    assertNoCompensationWorkflow(request.sagaId());
  }

  /** Runs the actions at the same moment; each one's result, or "refused: <message>". */
  @SafeVarargs
  private static List<String> atOnce(Supplier<String>... actions) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<String>> running = new ArrayList<>();
    for (Supplier<String> action : actions) {
      running.add(CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
          return action.get();
        } catch (IllegalStateException e) {
          return "refused: " + e.getMessage();
        } catch (org.paysaga.dlq.DlqEntryNotFoundException e) {
          return "not found: " + e.getMessage();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "interrupted";
        }
      }));
    }
    go.countDown();
    List<String> outcomes = new ArrayList<>();
    for (CompletableFuture<String> future : running) {
      outcomes.add(future.get(2, TimeUnit.MINUTES));
    }
    return outcomes;
  }

  private DlqEntry awaitEntry(String id, java.util.function.Predicate<DlqEntry> check) {
    return await().alias("the DLQ entry of " + id).atMost(Duration.ofSeconds(60))
        .until(() -> rig.dlq.get(id).orElse(null), entry -> entry != null && check.test(entry));
  }

  private void assertNoCompensationWorkflow(String sagaId) {
    assertThat(catchNotFound(() -> rig.client.newUntypedWorkflowStub(SagaCompensation.workflowIdFor(sagaId))
        .describe())).as("no compensation workflow for " + sagaId).isTrue();
  }

  private static boolean catchNotFound(Runnable call) {
    try {
      call.run();
      return false;
    } catch (WorkflowNotFoundException e) {
      return true;
    } catch (io.grpc.StatusRuntimeException e) {
      return e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND;
    }
  }
}
