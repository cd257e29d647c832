package org.paysaga.saga;

import java.time.Duration;

/**
 * One step a saga type declares: the forward activity type, its compensation's activity type (null
 * for a step past the pivot that only goes forward) and the default start-to-close timeout that
 * both use unless configuration overrides it.
 */
public record StepDefinition(String step, String compensation, Duration startToClose) {}
