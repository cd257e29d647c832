package org.paysaga.cli.history;

/**
 * One event of a saga's history in JSON.
 *
 * @param id event ID, from 1
 * @param time ISO-8601 UTC with milliseconds
 * @param event event type, e.g. {@code ActivityTaskFailed}
 * @param activity activity type the event is about (for local activities too), or null
 * @param attempt the activity's attempt, or null when the event has none
 * @param failure failure message of a failed, timed-out or retried attempt, or of the workflow
 * @param detail what else the event says: signal name, timer, workflow type, or null
 */
public record EventRow(
    long id, String time, String event, String activity, Integer attempt, String failure, String detail) {}
