package org.paysaga.reliability.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.paysaga.testsupport.ManagedProcess;

/** What the benchmark reads of a worker process: CPU time so far and resident memory (Linux). */
final class ProcessFigures {
  private ProcessFigures() {}

  /** CPU time (user + system) the process used so far. */
  static Duration cpuTime(ManagedProcess process) {
    return process.handle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Resident set size now ({@code VmRSS}), in bytes. */
  static long residentBytes(ManagedProcess process) {
    return procStatusKilobytes(process.pid(), "VmRSS:") * 1024;
  }

  /** Peak resident set size ({@code VmHWM}), in bytes. */
  static long peakResidentBytes(ManagedProcess process) {
    return procStatusKilobytes(process.pid(), "VmHWM:") * 1024;
  }

  private static long procStatusKilobytes(long pid, String field) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status, e);
    }
    throw new IllegalStateException(status + " has no " + field);
  }
}
