package org.paysaga.cli.errors;

/**
 * Where the command line connects, as error messages name it (never with credentials).
 *
 * @param temporalAddress e.g. {@code 127.0.0.1:7233}
 * @param namespace the Temporal namespace
 * @param redisAddress e.g. {@code 127.0.0.1:6379}, without password
 */
public record Endpoints(String temporalAddress, String namespace, String redisAddress) {}
