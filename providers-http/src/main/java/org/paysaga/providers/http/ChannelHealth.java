package org.paysaga.providers.http;

import java.time.Duration;

/**
 * What the provider's {@code GET /health} said, for a health indicator.
 *
 * @param up whether it answered 200
 * @param detail its answer ({@code HTTP 200}) or why there was none
 * @param latency how long the check took
 */
public record ChannelHealth(boolean up, String detail, Duration latency) {}
