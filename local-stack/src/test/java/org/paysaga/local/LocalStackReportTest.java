package org.paysaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paysaga.local.LocalStack.Origin;
import org.paysaga.local.LocalStack.Service;

/** What the local stack reports once the workers poll, after the worker's own report. */
class LocalStackReportTest {
  private static final Service REDIS = new Service("redis://127.0.0.1:6379", Origin.EMBEDDED, null, "in memory", false);

  @Test
  void namesTheDevServersUi() {
    Service devServer = new Service("127.0.0.1:7233", Origin.DEV_SERVER, "http://127.0.0.1:8233", "SQLite /d/t.db", false);
    assertThat(new LocalStackReport(devServer, REDIS).report()).isEqualTo(String.format(
        "Local stack (stops with this process)%n"
            + "  Temporal     127.0.0.1:7233 (Temporal dev server started by this worker, SQLite /d/t.db)%n"
            + "  Redis        redis://127.0.0.1:6379 (embedded in this process, in memory)%n"
            + "  Temporal UI  http://127.0.0.1:8233"));
  }

  @Test
  void saysTheJavaTestServerHasNoUi() {
    Service testServer = new Service("127.0.0.1:7233", Origin.EXISTING, null, null, true);
    assertThat(new LocalStackReport(testServer, REDIS).report())
        .contains("  Temporal     127.0.0.1:7233 (already running there; used as is)")
        .contains("  Temporal UI  none: Temporal's Java test server has no UI");
  }

  @Test
  void leavesTheUiOfAServerItDidNotStartToTheWorkersReport() {
    Service existing = new Service("127.0.0.1:7233", Origin.EXISTING, null, null, false);
    assertThat(new LocalStackReport(existing, REDIS).report()).doesNotContain("Temporal UI");
  }
}
