package org.paysaga.worker.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.ProcessSpec;

/**
 * Evaluates PromQL the way Prometheus does, with {@code promtool test rules}: two scrapes become
 * input series (the first scrape's values for a minute, then the second's), and each query's
 * expected value is checked at the end of the second minute.
 */
public final class PromQl {
  private final List<String> series = new ArrayList<>();
  private final List<String> checks = new ArrayList<>();

  /** True when {@code promtool} is on the PATH. */
  public static boolean available() {
    try {
      return ProcessSpec.command("promtool", "promtool", "--version").run(Duration.ofSeconds(10)).exitCode() == 0;
    } catch (RuntimeException notInstalledOrHung) {
      return false;
    }
  }

  /** Adds every sample of the metric families named by these prefixes, as scraped twice. */
  public PromQl series(Scrape before, Scrape after, String... namePrefixes) {
    for (Scrape.Sample sample : after.samples()) {
      boolean wanted = false;
      for (String prefix : namePrefixes) {
        wanted |= sample.name().startsWith(prefix);
      }
      if (!wanted) {
        continue;
      }
      double was = before.samples().stream()
          .filter(s -> s.series().equals(sample.series())).mapToDouble(Scrape.Sample::value).findFirst().orElse(0);
      String a = number(was);
      String b = number(sample.value());
      series.add("      - series: '" + sample.series() + "'\n        values: '" + a + " " + a + " " + a + " " + a
          + " " + b + " " + b + " " + b + " " + b + "'");
    }
    return this;
  }

  /**
   * The query, unchanged, must give one sample of this value. promtool compares values exactly, and
   * PromQL's float arithmetic may differ from the figure in the last bit (0.39999999999999997 for
   * 0.4), so the check is {@code abs((<query>) - <value>) < bool <tolerance>} giving 1.
   */
  public PromQl expect(String query, double value) {
    double tolerance = 1e-9 * Math.max(1, Math.abs(value));
    String check = "abs((" + query + ") - " + number(value) + ") < bool " + number(tolerance);
    checks.add("      - expr: '" + check.replace("'", "''") + "'\n        eval_time: 105s\n        exp_samples:\n"
        + "          - labels: '{}'\n            value: 1");
    return this;
  }

  /** Runs promtool; returns its output; throws when a check fails. */
  public String run(Path dir) throws IOException {
    StringBuilder file = new StringBuilder("rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 15s\n    input_series:\n");
    series.forEach(s -> file.append(s).append('\n'));
    file.append("    promql_expr_test:\n");
    checks.forEach(c -> file.append(c).append('\n'));
    Path test = dir.resolve("design-queries.test.yml");
    Files.writeString(test, file.toString(), StandardCharsets.UTF_8);
    ProcessResult result = ProcessSpec.command("promtool", "promtool", "test", "rules", test.toString())
        .run(Duration.ofSeconds(60));
    if (result.exitCode() != 0) {
      throw new AssertionError("promtool test rules failed:\n" + result + "\n--- " + test + "\n" + file);
    }
    return result.stdout() + result.stderr();
  }

  /**
   * What {@code histogram_quantile(q, sum by (le) (rate(<name>_bucket[5m])))} gives when every
   * series grew from the first scrape to the second: rate scales all buckets alike, so the
   * quantile of the increases (Prometheus's linear interpolation inside the bucket) is the answer.
   */
  public static double histogramQuantile(double q, Scrape before, Scrape after, String bucketName) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Scrape.Sample s : after.named(bucketName)) {
      double was = before.samples().stream().filter(b -> b.series().equals(s.series()))
          .mapToDouble(Scrape.Sample::value).findFirst().orElse(0);
      double le = s.label("le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s.label("le"));
      buckets.merge(le, s.value() - was, Double::sum);
    }
    double total = buckets.lastEntry().getValue();
    double rank = q * total;
    double previousLe = 0;
    double previousCount = 0;
    for (var bucket : buckets.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey() == Double.POSITIVE_INFINITY) {
          return previousLe;
        }
        double inBucket = bucket.getValue() - previousCount;
        return previousLe + (bucket.getKey() - previousLe) * ((rank - previousCount) / inBucket);
      }
      previousLe = bucket.getKey();
      previousCount = bucket.getValue();
    }
    throw new IllegalStateException("no bucket reaches rank " + rank);
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.17g", v);
  }
}
