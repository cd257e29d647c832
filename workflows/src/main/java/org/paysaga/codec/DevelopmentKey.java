package org.paysaga.codec;

import java.nio.file.Path;

/**
 * Where the local stack keeps its payload key: generated once in its data directory, readable by
 * its owner only, and found there by the CLI when no key is configured. Never for production: it
 * lives beside the data it protects.
 */
public final class DevelopmentKey {
  public static final String FILE_NAME = "payload-dev.keys";
  public static final String KEY_ID = "local-dev";

  private DevelopmentKey() {}

  public static Path file(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }
}
