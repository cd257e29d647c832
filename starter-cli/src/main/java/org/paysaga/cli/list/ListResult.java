package org.paysaga.cli.list;

import java.util.List;

/**
 * {@code saga list --json}.
 *
 * @param query the visibility query sent (also for the Temporal UI's search box)
 * @param count sagas listed
 * @param sagas open ones first, then the most recently closed
 */
public record ListResult(String query, int count, List<SagaListing> sagas) {}
