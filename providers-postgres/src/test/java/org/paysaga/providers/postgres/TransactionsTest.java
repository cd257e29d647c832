package org.paysaga.providers.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.ServiceUnavailableException;

/** What each kind of SQL failure means to the saga (the restart test sees them from a real server). */
class TransactionsTest {
  private static RuntimeException failure(String state, boolean duringCommit) {
    return Transactions.failure("call", new SQLException("boom", state), duringCommit);
  }

  @Test
  void transientFailuresAreUnavailable() {
    for (String state : new String[] {"08006", "08001", "40001", "40P01", "57P01", "57P02", "57P03", "55P03"}) {
      assertThat(failure(state, false)).as(state).isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("SQLState " + state);
    }
    assertThat(Transactions.failure("call", new SQLTransientConnectionException("pool timeout"), false))
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("pool timeout");
  }

  @Test
  void aLostConnectionDuringCommitLeavesTheOutcomeUnknown() {
    assertThat(failure("08006", true)).isInstanceOf(OutcomeUnknownException.class);
    assertThat(failure("57P01", true)).isInstanceOf(OutcomeUnknownException.class);
    // The server answered: it rolled back.
    assertThat(failure("40001", true)).isInstanceOf(ServiceUnavailableException.class);
  }

  @Test
  void anythingElseIsABug() {
    assertThat(failure("23505", false)).isInstanceOf(IllegalStateException.class);
    assertThat(failure("23514", true)).isInstanceOf(IllegalStateException.class);
    assertThat(failure(null, false)).isInstanceOf(IllegalStateException.class).hasMessage("call failed: boom");
  }
}
