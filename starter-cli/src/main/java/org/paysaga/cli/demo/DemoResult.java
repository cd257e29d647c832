package org.paysaga.cli.demo;

import java.util.List;

/**
 * {@code saga demo --json}.
 *
 * @param sagas one per sandbox path, in the order run
 * @param allAsExpected whether every saga reached a status its path should reach (else exit 1)
 * @param commands commands to look closer at what the demo made
 */
public record DemoResult(List<DemoSaga> sagas, boolean allAsExpected, List<String> commands) {}
