package org.paysaga.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paysaga.redis.LuaScript;
import org.paysaga.saga.DlqEntry;

/**
 * The dead-letter queue in Redis: hash {@code saga:{dlq}:entries} (saga ID -> JSON entry) and
 * sorted set {@code saga:{dlq}:index} (saga ID scored by the time it entered the DLQ). Both keys
 * share the hash tag {@code {dlq}}, so every write is one atomic script, on a cluster too.
 */
public final class DlqStore {
  public static final String ENTRIES = "saga:{dlq}:entries";
  public static final String INDEX = "saga:{dlq}:index";
  private static final LuaScript PARK = LuaScript.fromClasspath("lua/dlq/park.lua");
  private static final LuaScript REMOVE = LuaScript.fromClasspath("lua/dlq/remove.lua");

  private final RedisClusterCommands<String, String> redis;
  private final ObjectMapper json = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public DlqStore(RedisClusterCommands<String, String> redis) {
    this.redis = redis;
  }

  /** Writes the entry; idempotent, and the first DLQ time stays. True when it is new. */
  public boolean park(DlqEntry entry) {
    Long added = PARK.run(redis, ScriptOutputType.INTEGER, List.of(ENTRIES, INDEX),
        entry.sagaId(), toJson(entry), Long.toString(entry.dlqAtMillis()));
    return added != null && added == 1L;
  }

  public Optional<DlqEntry> get(String sagaId) {
    return Optional.ofNullable(redis.hget(ENTRIES, sagaId)).map(this::fromJson);
  }

  /** Entries newest first, {@code limit} of them from {@code offset}. */
  public List<DlqEntry> list(int offset, int limit) {
    if (offset < 0 || limit <= 0) {
      throw new IllegalArgumentException("offset must be >= 0 and limit > 0");
    }
    List<String> ids = redis.zrevrange(INDEX, offset, offset + limit - 1L);
    List<DlqEntry> entries = new ArrayList<>(ids.size());
    for (String id : ids) {
      get(id).ifPresent(entries::add);
    }
    return entries;
  }

  public long size() {
    return redis.zcard(INDEX);
  }

  /** True when there was an entry to remove. */
  public boolean remove(String sagaId) {
    Long removed = REMOVE.run(redis, ScriptOutputType.INTEGER, List.of(ENTRIES, INDEX), sagaId);
    return removed != null && removed == 1L;
  }

  private String toJson(DlqEntry entry) {
    try {
      return json.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write DLQ entry of " + entry.sagaId(), e);
    }
  }

  private DlqEntry fromJson(String text) {
    try {
      return json.readValue(text, DlqEntry.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable DLQ entry: " + text, e);
    }
  }
}
