package org.paysaga.reliability.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad options stop the benchmark before it starts anything, naming the option. */
class BenchmarkOptionsTest {
  @Test
  void aWorkerHeapThatIsNoSizeIsRefused() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new Benchmark()).setErr(new PrintWriter(err)).execute("--worker-heap", "lots");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--worker-heap must be a size like 512m or 1g, was 'lots'");
  }
}
