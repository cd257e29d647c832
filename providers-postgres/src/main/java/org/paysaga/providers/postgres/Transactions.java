package org.paysaga.providers.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.sql.DataSource;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.ServiceUnavailableException;

/**
 * Short transactions on the pool, and what their SQL failures mean to the saga: transient (no
 * effect, retry), outcome unknown (the connection went away during COMMIT), or a bug.
 */
final class Transactions {
  /** Serialization failure, deadlock, lock not available, statement cancelled, too many connections. */
  private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57014", "53300");
  /** The server is going away: admin shutdown, crash shutdown, cannot connect now. */
  private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs the work in one transaction; a refusal (or any exception) thrown by it rolls it back. */
  <T> T inTransaction(String what, Work<T> work) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw failure(what, e, false);
    }
    try (connection) {
      T result;
      try {
        connection.setAutoCommit(false);
        result = work.run(connection);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e instanceof SQLException sql ? failure(what, sql, false) : (RuntimeException) e;
      }
      try {
        connection.commit();
      } catch (SQLException e) {
        rollbackQuietly(connection);
        throw failure(what, e, true);
      }
      return result;
    } catch (SQLException closing) {
      // Closing hands the connection back to the pool; the transaction was settled before.
      throw failure(what, closing, false);
    }
  }

  /**
   * The port's failure for an SQL failure. During COMMIT a lost connection leaves the outcome
   * unknown; an error the server answered with (a serialization failure, a violated check) means
   * it rolled back.
   */
  static RuntimeException failure(String what, SQLException e, boolean duringCommit) {
    String state = e.getSQLState() != null ? e.getSQLState() : "";
    boolean connectionLost = state.startsWith("08") || SHUTDOWN_STATES.contains(state);
    String message = what + " failed: " + e.getMessage() + (state.isEmpty() ? "" : " (SQLState " + state + ")");
    if (duringCommit && connectionLost) {
      return new OutcomeUnknownException(what + ": the connection was lost during COMMIT, the outcome is unknown: "
          + e.getMessage(), e);
    }
    if (e instanceof SQLTransientConnectionException || connectionLost || TRANSIENT_STATES.contains(state)) {
      return new ServiceUnavailableException(message, e);
    }
    return new IllegalStateException(message, e);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is broken: the server rolls the transaction back itself.
    }
  }

}
