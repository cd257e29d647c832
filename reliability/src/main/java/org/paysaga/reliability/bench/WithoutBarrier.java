package org.paysaga.reliability.bench;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.payment.sandbox.SandboxWrites;
import org.paysaga.redis.LuaScript;

/**
 * The baseline's sandbox writes: each business script alone, without the saga's idempotency
 * barrier (still at most once per idempotency key), so the bare-Temporal baseline makes the same
 * sandbox calls as the saga without the saga layer. Never for a saga.
 */
final class WithoutBarrier implements SandboxWrites {
  @Override
  public LuaScript script(String bodyPath) {
    return LuaScript.fromClasspath(bodyPath);
  }

  @Override
  public List<Object> run(RedisClusterCommands<String, String> redis, LuaScript script, BarrierStep step,
      List<String> keys, String... args) {
    return script.run(redis, ScriptOutputType.MULTI, keys, args);
  }
}
