package org.paysaga.cli.dlq;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.function.Supplier;
import org.paysaga.catalog.SagaTypes;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.connect.Connections;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.CliException;
import org.paysaga.cli.status.SagaInspector;
import org.paysaga.dlq.DlqEntryNotFoundException;
import org.paysaga.dlq.DlqService;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.wiring.SagaStores;

/** The DLQ service of a command run, on the options' Redis (and Temporal, for what signals or starts). */
final class DlqAccess {
  static final String ID = "<id>";

  private DlqAccess() {}

  /**
   * @param signals true for retry, resolve and remove, which talk to Temporal: it is checked to
   *     answer first; list, show and size never call it
   */
  static DlqService service(CliContext context, boolean signals) {
    SagaKeyspace keyspace = context.options().keyspace(); // checked before anything connects
    Connections connections = context.connections();
    RedisClusterCommands<String, String> redis = connections.redis().commands();
    TemporalConnection temporal = signals ? connections.temporal() : connections.temporalUnchecked();
    return SagaStores.on(redis, keyspace, temporal.client().getOptions().getDataConverter())
        .dlqService(temporal.client(), context.options().taskQueue(), SagaTypes.catalog(), context.options().idempotencyTtl(), System::currentTimeMillis);
  }

  /** The entry ID (the saga's workflow ID) of an argument; a payment number works too. */
  static String entryId(String argument) {
    return SagaInspector.sagaId(argument, ID);
  }

  /** Runs a call on one entry; a missing entry is exit 3. */
  static <T> T onEntry(String id, Supplier<T> call) {
    try {
      return call.get();
    } catch (DlqEntryNotFoundException e) {
      throw CliException.notFound("no DLQ entry " + id, e);
    }
  }
}
