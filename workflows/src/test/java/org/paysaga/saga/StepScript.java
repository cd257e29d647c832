package org.paysaga.saga;

import static org.awaitility.Awaitility.await;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * What a mocked saga activity does on each call, in order: succeed, fail retryably, refuse (fail
 * non-retryably), or hang until {@link #release()}d (so a test can look at the saga mid-step, or
 * let the attempt time out). Like the real activities, it returns its attempt in the receipt and
 * puts the attempt into its failures' details. It records each call with its attempt and the test
 * server's (skipped) time.
 *
 * <pre>{@code
 * StepScript refund = bed.payment(PaymentActivities::refundPayment, StepScript.fails(4)); // a round of 4 attempts fails
 * }</pre>
 */
public final class StepScript implements Answer<StepReceipt> {
  /** The failure type of a retryable failure, as a transient outage raises it. */
  public static final String UNAVAILABLE = "ServiceUnavailable";
  private static final Duration LONGEST_HANG = Duration.ofMinutes(1);

  private enum Outcome { SUCCEED, FAIL, REFUSE, HANG, HANG_THEN_FAIL }

  /** One call of the activity: its attempt (1 to 4 within a round) and when it ran (test server time). */
  public record Call(int attempt, long atMillis) {}

  private final Deque<Outcome> planned = new ArrayDeque<>();
  private final Outcome thereafter;
  private final String failureType;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile LongSupplier clock = System::currentTimeMillis;

  private StepScript(List<Outcome> first, Outcome thereafter, String failureType) {
    planned.addAll(first);
    this.thereafter = thereafter;
    this.failureType = failureType;
  }

  /** Fails retryably on its first {@code times} calls (counted across rounds), then succeeds. */
  public static StepScript fails(int times) {
    return new StepScript(Collections.nCopies(times, Outcome.FAIL), Outcome.SUCCEED, UNAVAILABLE);
  }

  /** Fails retryably on every call. */
  public static StepScript alwaysFails() {
    return new StepScript(List.of(), Outcome.FAIL, UNAVAILABLE);
  }

  /**
   * Fails every call with a failure of this type that is not itself marked non-retryable: whether
   * it is retried is the retry policy's call (a type in its do-not-retry list is not).
   */
  public static StepScript failsAs(String failureType) {
    return new StepScript(List.of(), Outcome.FAIL, failureType);
  }

  /** Refuses every call non-retryably with this failure type (a business refusal). */
  public static StepScript refuses(String failureType) {
    return new StepScript(List.of(), Outcome.REFUSE, failureType);
  }

  /** Refuses its first {@code times} calls non-retryably, then succeeds. */
  public static StepScript refuses(String failureType, int times) {
    return new StepScript(Collections.nCopies(times, Outcome.REFUSE), Outcome.SUCCEED, failureType);
  }

  /** Every call hangs until {@link #release()}, then succeeds. */
  public static StepScript hangs() {
    return new StepScript(List.of(), Outcome.HANG, null);
  }

  /** Hangs on its first {@code times} calls (each until {@link #release()}, or until it times out), then succeeds. */
  public static StepScript hangs(int times) {
    return new StepScript(Collections.nCopies(times, Outcome.HANG), Outcome.SUCCEED, null);
  }

  /** Fails retryably on its first {@code times} calls, then hangs until {@link #release()}, then succeeds. */
  public static StepScript failsThenHangs(int times) {
    List<Outcome> first = new ArrayList<>(Collections.nCopies(times, Outcome.FAIL));
    first.add(Outcome.HANG);
    return new StepScript(first, Outcome.SUCCEED, UNAVAILABLE);
  }

  /** Fails retryably on every call; call {@code times + 1} first hangs until {@link #release()}. */
  public static StepScript failsHangingOnceAfter(int times) {
    List<Outcome> first = new ArrayList<>(Collections.nCopies(times, Outcome.FAIL));
    first.add(Outcome.HANG_THEN_FAIL);
    return new StepScript(first, Outcome.FAIL, UNAVAILABLE);
  }

  /** Times the calls by this clock (the testbed hands it the test server's). */
  StepScript timedBy(LongSupplier serverClock) {
    this.clock = serverClock;
    return this;
  }

  @Override
  public StepReceipt answer(InvocationOnMock invocation) throws InterruptedException {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    Outcome outcome;
    synchronized (planned) {
      outcome = planned.isEmpty() ? thereafter : planned.poll();
    }
    calls.add(new Call(info.getAttempt(), clock.getAsLong()));
    if (outcome == Outcome.HANG || outcome == Outcome.HANG_THEN_FAIL) {
      released.await(LONGEST_HANG.toMillis(), TimeUnit.MILLISECONDS);
    }
    switch (outcome) {
      case FAIL, HANG_THEN_FAIL -> throw ApplicationFailure.newFailure("unavailable", failureType, info.getAttempt());
      case REFUSE -> throw ApplicationFailure.newNonRetryableFailure("refused", failureType, info.getAttempt());
      case SUCCEED, HANG -> { }
    }
    return receipt(info.getActivityType(), info.getAttempt());
  }

  /** What a successful call returns: a reference naming the activity type, and the attempt. */
  public static StepReceipt receipt(String activityType, int attempt) {
    return new StepReceipt(activityType + "-ref", attempt);
  }

  /** Lets every hanging call, and every later one, go on. */
  public void release() {
    released.countDown();
  }

  public int callCount() {
    return calls.size();
  }

  /** The attempt of each call so far, e.g. {@code [1, 2, 3, 4, 1]}: a new round starts again at 1. */
  public List<Integer> attempts() {
    return calls().stream().map(Call::attempt).toList();
  }

  /** When each call ran, on the test server's clock. */
  public List<Long> times() {
    return calls().stream().map(Call::atMillis).toList();
  }

  /** The time between each call and the one before, on the test server's clock. */
  public List<Long> gapsMillis() {
    List<Long> times = times();
    return IntStream.range(1, times.size()).mapToObj(i -> times.get(i) - times.get(i - 1)).toList();
  }

  /** Waits (real time, briefly) until the activity has been called this many times. */
  public void awaitCalls(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() >= count);
  }

  private List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }
}
