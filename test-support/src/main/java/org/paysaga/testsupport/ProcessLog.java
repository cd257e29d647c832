package org.paysaga.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A child process's log file (its stdout and stderr), read as it grows. */
public final class ProcessLog {
  private final Path path;

  ProcessLog(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** Every line so far; none before the process wrote any. */
  public List<String> lines() {
    try {
      // Bytes, not readAllLines: a line being written may end in half a UTF-8 character.
      return new String(Files.readAllBytes(path), StandardCharsets.UTF_8).lines().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of("(cannot read " + path + ": " + e + ")");
    }
  }

  public String text() {
    return String.join("\n", lines());
  }

  /** The last lines, for error messages. */
  public String tail(int count) {
    List<String> all = lines();
    return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
  }

  /** The index of the first line that contains the text, or -1. */
  public int indexOf(String containing) {
    List<String> all = lines();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).contains(containing)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
