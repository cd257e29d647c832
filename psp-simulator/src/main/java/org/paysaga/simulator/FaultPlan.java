package org.paysaga.simulator;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults of charge and refund requests: asked for per request ({@code X-Simulator-Fault:
 * error | slow:<ms> | drop}) or drawn at random at the run's rates ({@code --fault-rates}).
 *
 * @param errorRate share of requests answered 503 before acting
 * @param dropRate share acted on, recorded, and left without an answer (connection closed)
 * @param slowRate share acted on after {@code slowMs} milliseconds
 */
record FaultPlan(double errorRate, double dropRate, double slowRate, long slowMs) {
  static final String HEADER = "X-Simulator-Fault";

  enum Kind { NONE, ERROR, DROP, SLOW }

  /** What happens to one request; {@code delayMs} for {@link Kind#SLOW}. */
  record Fault(Kind kind, long delayMs) {
    static final Fault NONE = new Fault(Kind.NONE, 0);
  }

  FaultPlan {
    if (errorRate < 0 || dropRate < 0 || slowRate < 0 || errorRate + dropRate + slowRate > 1) {
      throw new IllegalArgumentException("--fault-rates must be shares from 0 to 1 that add up to 1 at most");
    }
  }

  static FaultPlan none() {
    return new FaultPlan(0, 0, 0, 0);
  }

  /** {@code error=0.05,drop=0.05,slow=0.05}; null or blank: no random faults. */
  static FaultPlan parse(String rates, long slowMs) {
    double error = 0;
    double drop = 0;
    double slow = 0;
    if (rates != null && !rates.isBlank()) {
      for (String part : rates.split(",")) {
        String[] pair = part.trim().split("=", 2);
        if (pair.length != 2) {
          throw new IllegalArgumentException("--fault-rates: " + part + " is not name=share");
        }
        double share;
        try {
          share = Double.parseDouble(pair[1].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--fault-rates: " + pair[1] + " is not a number");
        }
        switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
          case "error" -> error = share;
          case "drop" -> drop = share;
          case "slow" -> slow = share;
          default -> throw new IllegalArgumentException("--fault-rates: unknown fault " + pair[0]
              + " (error, drop, slow)");
        }
      }
    }
    return new FaultPlan(error, drop, slow, slowMs);
  }

  /** The request's own fault if its header names one, else a random draw at the run's rates. */
  Fault decide(String header) {
    if (header != null && !header.isBlank()) {
      return requested(header.trim());
    }
    double draw = ThreadLocalRandom.current().nextDouble();
    if (draw < errorRate) {
      return new Fault(Kind.ERROR, 0);
    }
    if (draw < errorRate + dropRate) {
      return new Fault(Kind.DROP, 0);
    }
    if (draw < errorRate + dropRate + slowRate) {
      return new Fault(Kind.SLOW, slowMs);
    }
    return Fault.NONE;
  }

  private static Fault requested(String header) {
    String value = header.toLowerCase(Locale.ROOT);
    if (value.equals("error")) {
      return new Fault(Kind.ERROR, 0);
    }
    if (value.equals("drop")) {
      return new Fault(Kind.DROP, 0);
    }
    if (value.equals("none")) {
      return Fault.NONE;
    }
    if (value.startsWith("slow:")) {
      try {
        long ms = Long.parseLong(value.substring("slow:".length()));
        if (ms >= 0 && ms <= 600_000) {
          return new Fault(Kind.SLOW, ms);
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
    }
    throw new IllegalArgumentException(HEADER + " must be error, drop, none or slow:<ms up to 600000>");
  }
}
