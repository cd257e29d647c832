package org.paysaga.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.paysaga.cli.output.Formats;

/**
 * Reads Temporal history events into rows: time, event, activity, attempt, failure message. The
 * events' payloads and failure messages are read through the workers' data converter (encrypted).
 */
public final class HistoryEvents {
  private static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  private final Map<Long, String> activityOfScheduled = new HashMap<>();
  private final Map<Long, Integer> attemptOfStarted = new HashMap<>();
  private final DataConverter converter;

  private HistoryEvents(DataConverter converter) {
    this.converter = converter;
  }

  /** Rows of all events; workflow task bookkeeping only when {@code all} (its failures always). */
  public static List<EventRow> rows(List<HistoryEvent> events, boolean all, DataConverter converter) {
    HistoryEvents reader = new HistoryEvents(converter);
    List<EventRow> rows = new ArrayList<>();
    for (HistoryEvent event : events) {
      EventRow row = reader.row(event);
      if (all || !isWorkflowTaskBookkeeping(event.getEventType())) {
        rows.add(row);
      }
    }
    return rows;
  }

  static boolean isWorkflowTaskBookkeeping(EventType type) {
    return type == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
        || type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
        || type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
  }

  private EventRow row(HistoryEvent event) {
    String activity = null;
    Integer attempt = null;
    String failure = null;
    String detail = null;
    switch (event.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
        var attributes = event.getWorkflowExecutionStartedEventAttributes();
        detail = attributes.getWorkflowType().getName() + " on task queue " + attributes.getTaskQueue().getName();
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
          failure = message(event.getWorkflowExecutionFailedEventAttributes().getFailure());
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
          failure = "terminated: " + event.getWorkflowExecutionTerminatedEventAttributes().getReason();
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> failure = "workflow timed out";
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
          detail = event.getWorkflowExecutionCancelRequestedEventAttributes().getCause();
      case EVENT_TYPE_WORKFLOW_TASK_FAILED -> {
        var attributes = event.getWorkflowTaskFailedEventAttributes();
        failure = constant(attributes.getCause().name(), "WORKFLOW_TASK_FAILED_CAUSE_")
            + (attributes.hasFailure() ? ": " + message(attributes.getFailure()) : "");
      }
      case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> failure = "workflow task timed out";
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        activity = event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        activityOfScheduled.put(event.getEventId(), activity);
      }
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
        var attributes = event.getActivityTaskStartedEventAttributes();
        activity = activityOfScheduled.get(attributes.getScheduledEventId());
        attempt = attributes.getAttempt();
        attemptOfStarted.put(event.getEventId(), attempt);
        if (attributes.hasLastFailure()) {
          // The failure of the attempt before this one: how the retries went.
          failure = "attempt " + (attempt - 1) + ": " + message(attributes.getLastFailure());
        }
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        var attributes = event.getActivityTaskCompletedEventAttributes();
        activity = activityOfScheduled.get(attributes.getScheduledEventId());
        attempt = attemptOfStarted.get(attributes.getStartedEventId());
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var attributes = event.getActivityTaskFailedEventAttributes();
        activity = activityOfScheduled.get(attributes.getScheduledEventId());
        attempt = attemptOfStarted.get(attributes.getStartedEventId());
        failure = message(attributes.getFailure());
        detail = retryState(attributes.getRetryState().name());
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var attributes = event.getActivityTaskTimedOutEventAttributes();
        activity = activityOfScheduled.get(attributes.getScheduledEventId());
        attempt = attemptOfStarted.get(attributes.getStartedEventId());
        failure = message(attributes.getFailure());
        detail = retryState(attributes.getRetryState().name());
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED -> activity =
          activityOfScheduled.get(event.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId());
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> activity =
          activityOfScheduled.get(event.getActivityTaskCanceledEventAttributes().getScheduledEventId());
      case EVENT_TYPE_MARKER_RECORDED -> {
        MarkerRecordedEventAttributes attributes = event.getMarkerRecordedEventAttributes();
        if (LOCAL_ACTIVITY_MARKER.equals(attributes.getMarkerName())) {
          activity = text(attributes.getDetailsMap().get("type"));
          JsonNode meta = json(attributes.getDetailsMap().get("meta"));
          if (meta != null && meta.has("attempt")) {
            attempt = meta.get("attempt").asInt();
          }
          detail = "local activity";
        } else {
          detail = attributes.getMarkerName();
        }
        if (attributes.hasFailure()) {
          failure = message(attributes.getFailure());
        }
      }
      case EVENT_TYPE_TIMER_STARTED -> {
        var attributes = event.getTimerStartedEventAttributes();
        detail = "timer " + Formats.duration(Duration.ofSeconds(attributes.getStartToFireTimeout().getSeconds(),
            attributes.getStartToFireTimeout().getNanos()).toMillis());
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED ->
          detail = "signal " + event.getWorkflowExecutionSignaledEventAttributes().getSignalName();
      case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          detail = "new run " + event.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
      default -> {
        // The event type says it all.
      }
    }
    long millis = event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
    return new EventRow(event.getEventId(), Formats.instant(millis), eventName(event.getEventType()),
        activity, attempt, failure, detail);
  }

  /** {@code EVENT_TYPE_ACTIVITY_TASK_FAILED} as {@code ActivityTaskFailed}. */
  static String eventName(EventType type) {
    String name = constant(type.name(), "EVENT_TYPE_");
    StringBuilder camel = new StringBuilder();
    for (String word : name.split("_")) {
      if (!word.isEmpty()) {
        camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return camel.toString();
  }

  /** "card declined [CardDeclined]", with the causes after a colon. */
  String message(Failure failure) {
    StringBuilder text = new StringBuilder();
    Failure current = failure;
    for (int depth = 0; current != null && depth < 5; depth++) {
      if (depth > 0) {
        text.append(": ");
      }
      text.append(originalMessage(current));
      if (current.hasApplicationFailureInfo() && !current.getApplicationFailureInfo().getType().isEmpty()) {
        text.append(" [").append(current.getApplicationFailureInfo().getType()).append(']');
      }
      if (current.hasTimeoutFailureInfo()) {
        text.append(" (").append(constant(current.getTimeoutFailureInfo().getTimeoutType().name(), "TIMEOUT_TYPE_"))
            .append(')');
      }
      current = current.hasCause() ? current.getCause() : null;
    }
    return text.toString().strip();
  }

  private static String retryState(String name) {
    String state = constant(name, "RETRY_STATE_");
    return "UNSPECIFIED".equals(state) ? null : "retry state " + state;
  }

  private static String constant(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  /** The message a failure was raised with: with encrypted failure attributes, not "Encoded failure". */
  private String originalMessage(Failure failure) {
    if (!failure.hasEncodedAttributes()) {
      return failure.getMessage();
    }
    try {
      Map<?, ?> attributes = converter.fromPayload(failure.getEncodedAttributes(), Map.class, Map.class);
      Object message = attributes == null ? null : attributes.get("message");
      return message == null ? failure.getMessage() : message.toString();
    } catch (RuntimeException e) {
      return failure.getMessage() + " (not decoded: " + e.getMessage() + ")";
    }
  }

  private <T> T value(Payloads payloads, Class<T> type) {
    if (payloads == null || payloads.getPayloadsCount() == 0) {
      return null;
    }
    try {
      return converter.fromPayloads(0, Optional.of(payloads), type, type);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private JsonNode json(Payloads payloads) {
    return value(payloads, JsonNode.class);
  }

  private String text(Payloads payloads) {
    return value(payloads, String.class);
  }
}
