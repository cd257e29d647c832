package org.paysaga.worker.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code /actuator/prometheus} answer, parsed: its samples and the text itself. */
public record Scrape(String text, List<Sample> samples) {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public String label(String key) {
      return labels.get(key);
    }

    /** {@code name{k="v",...}} as Prometheus writes a series. */
    public String series() {
      StringBuilder s = new StringBuilder(name).append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        s.append(first ? "" : ",").append(l.getKey()).append("=\"").append(l.getValue()).append('"');
        first = false;
      }
      return s.append('}').toString();
    }
  }

  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, parseValue(m.group(4))));
    }
    return new Scrape(text, List.copyOf(samples));
  }

  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }

  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  public List<Sample> named(String name, String... labelPairs) {
    return named(name).stream().filter(matching(labelPairs)).toList();
  }

  /** Sum of the samples of this name whose labels include the given key/value pairs. */
  public double sum(String name, String... labelPairs) {
    return named(name, labelPairs).stream().mapToDouble(Sample::value).sum();
  }

  /** The one sample of this name with these labels. */
  public double value(String name, String... labelPairs) {
    List<Sample> found = named(name, labelPairs);
    if (found.size() != 1) {
      throw new AssertionError("expected one sample of " + name + " " + List.of(labelPairs) + ", found " + found);
    }
    return found.get(0).value();
  }

  public boolean has(String name) {
    return !named(name).isEmpty();
  }

  private static Predicate<Sample> matching(String... labelPairs) {
    return s -> {
      for (int i = 0; i < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
          return false;
        }
      }
      return true;
    };
  }
}
