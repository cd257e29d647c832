package org.paysaga.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.paysaga.saga.SagaSearchAttributes;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files agree with each other and with the code, so a reader with Docker can run
 * them as written: docker-compose.yml references only existing services, files and the worker's
 * real port; Prometheus scrapes that port; the dashboard and the alert rules use only metric
 * names the saga layer or the Temporal SDK emit, and the dashboard carries the four queries of
 * the design unchanged.
 */
class DeploymentFilesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern METRIC = Pattern.compile("\\b((?:saga|temporal)_[a-z0-9_]+)");
  private static final List<String> DESIGN_QUERIES = List.of(
      "sum(rate(saga_total{status=\"completed\"}[5m])) / sum(rate(saga_total[5m]))",
      "histogram_quantile(0.95, sum by (le) (rate(saga_duration_seconds_bucket[5m])))",
      "sum(rate(saga_compensation_total{status=\"failed\"}[5m])) / sum(rate(saga_compensation_total[5m]))",
      "saga_dlq_size");

  @Test
  void theRegisteredSearchAttributesAreTheSagas() throws IOException {
    // deploy/temporal/search-attributes feeds scripts/temporal.sh and the compose namespace job.
    List<String> registered = Files.readAllLines(ROOT.resolve("deploy/temporal/search-attributes")).stream()
        .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    assertThat(registered).isEqualTo(SagaSearchAttributes.devServerFlags());
  }

  @Test
  void theImageBuildSeesEveryModulesPom() throws IOException {
    // Maven refuses to read the reactor when a module's POM is missing from the build context.
    String rootPom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
    String dockerfile = Files.readString(ROOT.resolve("worker-app/Dockerfile"));
    List<String> modules = new ArrayList<>();
    while (module.find()) {
      modules.add(module.group(1));
    }
    assertThat(modules).contains("workflows", "worker-app");
    for (String name : modules) {
      assertThat(dockerfile).as("worker-app/Dockerfile copies " + name + "/pom.xml")
          .contains("COPY " + name + "/pom.xml " + name + "/");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeReferencesOnlyExistingServicesFilesAndPinnedImages() throws IOException {
    Map<String, Object> compose = yaml("docker-compose.yml");
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsKeys("postgresql", "temporal", "temporal-ui", "redis", "worker",
        "prometheus", "grafana");
    services.forEach((name, service) -> {
      Object dependsOn = service.get("depends_on");
      if (dependsOn instanceof Map<?, ?> map) {
        assertThat(services).as("%s depends on", name).containsKeys(map.keySet().toArray(String[]::new));
      }
      Object image = service.get("image");
      if (image != null) {
        assertThat(image.toString()).as("image of %s is pinned", name).contains(":").doesNotEndWith(":latest");
      }
      for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
        String source = volume.toString().split(":")[0];
        if (source.startsWith("./")) {
          assertThat(ROOT.resolve(source)).as("%s mounts %s", name, source).exists();
        }
      }
    });
    Map<String, Object> worker = services.get("worker");
    Map<String, Object> build = (Map<String, Object>) worker.get("build");
    assertThat(ROOT.resolve(build.get("dockerfile").toString())).exists();
    Map<String, Object> env = (Map<String, Object>) worker.get("environment");
    assertThat(env).containsKeys("TEMPORAL_ADDRESS", "REDIS_URL", "MANAGEMENT_SERVER_PORT", "SAGA_TASK_QUEUE");
    assertThat(env.get("MANAGEMENT_SERVER_PORT")).hasToString(managementPortOfTheApp());
    // Published on the gRPC port + 1000, where the CLI's default UI link (TemporalUi.defaultUrl) points.
    assertThat(services.get("temporal-ui").get("ports").toString()).contains("${TEMPORAL_UI_PORT:-8233}:8080");
    assertThat(services.get("temporal").get("ports").toString()).contains("7233");
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheusScrapesTheWorkersActuatorAndLoadsTheRules() throws IOException {
    Map<String, Object> config = yaml("deploy/prometheus/prometheus.yml");
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
    Map<String, Object> worker = jobs.stream().filter(j -> "saga-worker".equals(j.get("job_name")))
        .findFirst().orElseThrow();
    assertThat(worker.get("metrics_path")).isEqualTo("/actuator/prometheus");
    assertThat(worker.toString()).contains("port=" + managementPortOfTheApp());
    for (Object rules : (List<Object>) config.get("rule_files")) {
      assertThat(ROOT.resolve("deploy/prometheus").resolve(Path.of(rules.toString()).getFileName())).exists();
    }
  }

  @Test
  void theDashboardCarriesTheDesignQueriesAndOnlyKnownMetrics() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/payment-sagas.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(node -> expressions.add(node.asText()));

    assertThat(expressions).containsAll(DESIGN_QUERIES);
    assertThat(metricsIn(expressions)).isSubsetOf(knownMetrics());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAlertRulesUseOnlyKnownMetricsAndLinkTheRunbook() throws IOException {
    Map<String, Object> rules = yaml("deploy/prometheus/alerts.yml");
    List<String> expressions = new ArrayList<>();
    Set<String> anchors = headingAnchors(Files.readAllLines(ROOT.resolve("docs/operations.md")));
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        expressions.add(rule.get("expr").toString());
        Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
        assertThat(annotations).containsKeys("summary", "runbook_url");
        String anchor = annotations.get("runbook_url").toString().replaceAll(".*#", "");
        assertThat(anchors).as("runbook section for %s", rule.get("alert")).contains(anchor);
      }
    }
    assertThat(metricsIn(expressions)).isSubsetOf(knownMetrics());
  }

  /** GitHub's anchors of the Markdown headings: lower case, punctuation dropped, spaces to '-'. */
  private static Set<String> headingAnchors(List<String> lines) {
    Set<String> anchors = new HashSet<>();
    for (String line : lines) {
      if (line.startsWith("#")) {
        String text = line.replaceFirst("^#+\\s*", "").toLowerCase();
        anchors.add(text.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static Set<String> metricsIn(List<String> expressions) {
    Set<String> names = new HashSet<>();
    for (String expression : expressions) {
      Matcher matcher = METRIC.matcher(expression);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** The saga metrics of the design and every metric the Temporal SDK defines, as Prometheus names them. */
  private static Set<String> knownMetrics() {
    Set<String> known = new HashSet<>();
    for (String saga : List.of("saga_total", "saga_step_total", "saga_compensation_total")) {
      known.add(saga);
    }
    known.add("saga_compensation_retries_total");
    known.add("saga_in_progress");
    known.add("saga_dlq_size");
    for (String histogram : List.of("saga_duration_seconds", "saga_step_duration_seconds")) {
      for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
        known.add(histogram + suffix);
      }
    }
    for (String sdk : sdkMetricNames()) {
      String name = sdk.startsWith("temporal_") ? sdk : "temporal_" + sdk;
      known.add(name);
      known.add(name + "_total");
      for (String suffix : List.of("_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max")) {
        known.add(name + suffix);
      }
    }
    return known;
  }

  /** The string constants of the SDK's MetricsType classes (worker and service client). */
  private static Set<String> sdkMetricNames() {
    Set<String> names = new HashSet<>();
    for (String type : List.of("io.temporal.worker.MetricsType", "io.temporal.serviceclient.MetricsType")) {
      try {
        for (Field field : Class.forName(type).getFields()) {
          if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
            names.add(((String) field.get(null)).replace('.', '_'));
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + type, e);
      }
    }
    assertThat(names).as("metric names found in the SDK").hasSizeGreaterThan(20);
    return names;
  }

  /** The management port the app's own configuration declares (management.server.port). */
  @SuppressWarnings("unchecked")
  private static String managementPortOfTheApp() throws IOException {
    Map<String, Object> management = (Map<String, Object>) yaml("worker-app/src/main/resources/application.yaml").get("management");
    Object port = ((Map<String, Object>) management.get("server")).get("port");
    assertThat(port).as("application.yaml declares management.server.port").isInstanceOf(Integer.class);
    return port.toString();
  }

  private static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(ROOT.resolve(file)));
  }
}
