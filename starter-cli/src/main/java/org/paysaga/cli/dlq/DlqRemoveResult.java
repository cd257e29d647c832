package org.paysaga.cli.dlq;

/**
 * {@code saga dlq remove --json}.
 *
 * @param sagaId the entry removed
 * @param removed true
 * @param forced true when the saga still waited for an operator ({@code --force})
 */
public record DlqRemoveResult(String sagaId, boolean removed, boolean forced) {}
