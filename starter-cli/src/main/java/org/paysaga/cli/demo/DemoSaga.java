package org.paysaga.cli.demo;

import java.util.List;

/**
 * One saga of {@code saga demo --json}.
 *
 * @param path the sandbox path: success, decline, flaky-then-success, flaky-exhausted,
 *     frozen-merchant, refund-failure
 * @param paymentNo the fresh payment number
 * @param sagaId its workflow ID
 * @param cardToken the magic card token used, masked ({@code tok_…fail}: no card token is printed)
 * @param merchant the merchant used
 * @param status the saga's status when the demo looked last
 * @param expected the statuses this path should reach
 * @param asExpected whether {@code status} is one of them
 * @param stepsSucceeded forward steps that took effect (of 4)
 * @param compensationsSucceeded compensations that undid their step
 * @param compensationsFailed compensations that gave up (recovery follows)
 * @param durationMillis from start to the last status change
 */
public record DemoSaga(
    String path,
    String paymentNo,
    String sagaId,
    String cardToken,
    String merchant,
    String status,
    List<String> expected,
    boolean asExpected,
    int stepsSucceeded,
    int compensationsSucceeded,
    int compensationsFailed,
    long durationMillis) {}
