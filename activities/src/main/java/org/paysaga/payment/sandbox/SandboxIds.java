package org.paysaga.payment.sandbox;

import java.util.UUID;

/** Provider-style identifiers such as {@code ch_3f9a...}: a kind prefix and 24 random hex digits. */
final class SandboxIds {
  private SandboxIds() {}

  static String next(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }
}
