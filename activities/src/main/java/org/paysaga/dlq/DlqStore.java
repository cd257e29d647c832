package org.paysaga.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paysaga.redis.LuaScript;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.DlqEntry;

/**
 * The dead-letter queue in Redis: hash {@code saga:{dlq}:entries} (saga ID -> JSON entry) and
 * sorted set {@code saga:{dlq}:index} (saga ID scored by the time it entered the DLQ), names from
 * {@link SagaKeyspace}. Both keys share the hash tag {@code {dlq}}, so every write is one atomic
 * script, on a cluster too.
 *
 * <p>An entry's input is stored as its data converter's payload ({@link DlqEntry#inputPayload}, the
 * workers' payload codec applies) beside a view with the card token masked
 * ({@link DlqEntry#inputView}); never as plain JSON. Entries written before that keep their plain
 * {@code input} and are read with a masked view made on reading.
 */
public final class DlqStore {
  private static final LuaScript PARK = LuaScript.fromClasspath("lua/dlq/park.lua");
  private static final LuaScript REMOVE = LuaScript.fromClasspath("lua/dlq/remove.lua");
  private static final LuaScript READ = LuaScript.fromClasspath("lua/dlq/read.lua");
  private static final LuaScript UNLOCK = LuaScript.fromClasspath("lua/dlq/unlock.lua");

  private final RedisClusterCommands<String, String> redis;
  private final SagaKeyspace keyspace;
  private final String entries;
  private final String index;
  /** Notes of entries resolved by hand after Temporal had ended their saga: saga ID -> JSON. */
  private final String resolutions;
  private final ObjectMapper json = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  /** Encodes the inputs of the entries it writes: the Temporal client's, codec included. */
  private final DataConverter converter;

  /** A store that writes inputs with Temporal's default data converter (no codec): readers, tests. */
  public DlqStore(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace) {
    this(redis, keyspace, DataConverter.getDefaultInstance());
  }

  /** @param converter the workers' Temporal client's data converter, which encodes the inputs stored */
  public DlqStore(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace, DataConverter converter) {
    this.converter = converter;
    this.redis = redis;
    this.keyspace = keyspace;
    this.entries = keyspace.dlqEntries();
    this.index = keyspace.dlqIndex();
    this.resolutions = keyspace.dlqResolutions();
  }

  /** Writes the entry; idempotent, and the first DLQ time stays. True when it is new. */
  public boolean park(DlqEntry entry) {
    Long added = PARK.run(redis, ScriptOutputType.INTEGER, List.of(entries, index),
        entry.sagaId(), toJson(stored(entry)), Long.toString(entry.dlqAtMillis()));
    return added != null && added == 1L;
  }

  /** The saga's entry, with the time it first entered the DLQ. */
  public Optional<DlqEntry> get(String sagaId) {
    return read("one", sagaId).stream().findFirst();
  }

  /** Entries newest first (by the time each first entered the DLQ), {@code limit} of them from {@code offset}. */
  public List<DlqEntry> list(int offset, int limit) {
    if (offset < 0 || limit <= 0) {
      throw new IllegalArgumentException("offset must be >= 0 and limit > 0");
    }
    return read("page", Integer.toString(offset), Long.toString(offset + limit - 1L));
  }

  public long size() {
    return redis.zcard(index);
  }

  /** Keeps an operator's resolution note of a saga that no longer runs. */
  public void resolution(String sagaId, String note, long atMillis) {
    try {
      redis.hset(resolutions, sagaId, json.writeValueAsString(Map.of("note", note, "resolvedAtMillis", atMillis)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the resolution of " + sagaId, e);
    }
  }

  /** The resolution note kept for a saga, if an operator resolved it after Temporal ended it. */
  public Optional<String> resolutionNote(String sagaId) {
    return Optional.ofNullable(redis.hget(resolutions, sagaId)).map(text -> {
      try {
        return json.readTree(text).path("note").asText();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("unreadable resolution of " + sagaId, e);
      }
    });
  }

  /**
   * Takes the operator lock of one saga for at most {@code ttl} (a crashed CLI cannot keep it);
   * false when another operator action holds it.
   */
  public boolean lock(String sagaId, String token, Duration ttl) {
    return "OK".equals(redis.set(keyspace.dlqOperatorLock(sagaId), token, SetArgs.Builder.nx().px(ttl.toMillis())));
  }

  /** Releases the lock if this token still holds it. */
  public void unlock(String sagaId, String token) {
    UNLOCK.run(redis, ScriptOutputType.INTEGER, List.of(keyspace.dlqOperatorLock(sagaId)), token);
  }

  /** True when there was an entry to remove. */
  public boolean remove(String sagaId) {
    Long removed = REMOVE.run(redis, ScriptOutputType.INTEGER, List.of(entries, index), sagaId);
    return removed != null && removed == 1L;
  }

  /** The entry as Redis keeps it: its input encoded, and a masked view of it; no plain input. */
  private DlqEntry stored(DlqEntry entry) {
    if (entry.input() == null) {
      return entry;
    }
    String payload = entry.inputPayload() != null ? entry.inputPayload() : DlqInputs.encode(converter, entry.input());
    Object view = entry.inputView() != null ? entry.inputView() : DlqInputs.view(json, entry.input());
    return entry.withInput(null, payload, view);
  }

  /** The input of a retry: decoded by {@code client}'s converter, or an old entry's plain input. */
  public static Object retryInput(DlqEntry entry, DataConverter client) {
    return entry.inputPayload() != null ? DlqInputs.decode(client, entry.inputPayload()) : entry.input();
  }

  private String toJson(DlqEntry entry) {
    try {
      return json.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write DLQ entry of " + entry.sagaId(), e);
    }
  }

  /**
   * Entries as the read script returns them, JSON and index score in turn. A rewrite of an entry
   * (a re-park after a failed retry, a second sweeper) carries its own time, but the index keeps
   * the first: the entry reports that one, so its DLQ time and its place in the list agree.
   */
  private List<DlqEntry> read(String mode, String... args) {
    String[] scriptArgs = new String[args.length + 1];
    scriptArgs[0] = mode;
    System.arraycopy(args, 0, scriptArgs, 1, args.length);
    List<Object> reply = READ.run(redis, ScriptOutputType.MULTI, List.of(entries, index), scriptArgs);
    List<DlqEntry> found = new ArrayList<>(reply.size() / 2);
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      DlqEntry entry = fromJson((String) reply.get(i));
      found.add(enteredAt(entry, (long) Double.parseDouble((String) reply.get(i + 1))));
    }
    return found;
  }

  private static DlqEntry enteredAt(DlqEntry entry, long dlqAtMillis) {
    return entry.dlqAtMillis() == dlqAtMillis ? entry : entry.withDlqAt(dlqAtMillis);
  }

  private DlqEntry fromJson(String text) {
    try {
      DlqEntry entry = json.readValue(text, DlqEntry.class);
      // Written before inputs were encoded: plain input (for a retry), and a view made now.
      return entry.input() != null && entry.inputView() == null
          ? entry.withInput(entry.input(), entry.inputPayload(), DlqInputs.view(json, entry.input()))
          : entry;
    } catch (JsonProcessingException e) {
      // Not the text: it may hold an old entry's card token.
      throw new IllegalStateException("unreadable DLQ entry (" + e.getOriginalMessage() + ")", e);
    }
  }
}
