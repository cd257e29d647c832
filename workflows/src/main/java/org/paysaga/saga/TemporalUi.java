package org.paysaga.saga;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the Temporal UI is and how its pages are addressed. The default follows the engine the
 * project runs on: the dev server serves its UI on the gRPC port + 1000 of the same host
 * (7233 -> 8233), and the compose stack publishes its UI there too. A cluster elsewhere sets
 * {@code TEMPORAL_UI_URL}.
 */
public final class TemporalUi {
  /** The dev server's UI port is the frontend's gRPC port plus this. */
  public static final int UI_PORT_OFFSET = 1000;

  private TemporalUi() {}

  /** {@code http://<host>:<port + 1000>} for a frontend address {@code host:port} (port 7233 when absent). */
  public static String defaultUrl(String temporalAddress) {
    String address = temporalAddress == null ? "" : temporalAddress.strip();
    int scheme = address.indexOf("://");
    if (scheme >= 0) {
      address = address.substring(scheme + 3);
    }
    String host = address;
    int port = 7233;
    int colon = address.lastIndexOf(':');
    if (colon > 0 && address.indexOf(']') < colon) {
      host = address.substring(0, colon);
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = 7233;
      }
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + (port + UI_PORT_OFFSET);
  }

  /**
   * {@code <ui-url>/namespaces/<ns>/workflows/<workflowId>/<runId>/history}; without a run ID (a
   * saga Temporal no longer knows) the workflow's page, where the UI shows its latest run.
   */
  public static String historyLink(String uiUrl, String namespace, String workflowId, String runId) {
    String workflow = base(uiUrl) + "/namespaces/" + segment(namespace) + "/workflows/" + segment(workflowId);
    return runId == null || runId.isBlank() ? workflow : workflow + "/" + segment(runId) + "/history";
  }

  private static String base(String uiUrl) {
    return uiUrl.endsWith("/") ? uiUrl.substring(0, uiUrl.length() - 1) : uiUrl;
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
