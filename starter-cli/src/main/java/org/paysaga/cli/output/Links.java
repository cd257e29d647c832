package org.paysaga.cli.output;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the Temporal UI. */
public final class Links {
  private Links() {}

  /** {@code <ui-url>/namespaces/<ns>/workflows/<workflowId>/<runId>/history}. */
  public static String history(String uiUrl, String namespace, String workflowId, String runId) {
    String base = uiUrl.endsWith("/") ? uiUrl.substring(0, uiUrl.length() - 1) : uiUrl;
    return base + "/namespaces/" + segment(namespace) + "/workflows/" + segment(workflowId) + "/"
        + segment(runId) + "/history";
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
