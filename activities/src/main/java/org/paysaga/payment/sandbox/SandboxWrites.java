package org.paysaga.payment.sandbox;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.redis.LuaScript;
import org.paysaga.redis.SagaKeyspace;

/**
 * How the sandbox runs one business write script. A saga's writes run inside its idempotency
 * barrier, in one script with it ({@link #insideBarrier}); a harness that measures the sandbox
 * without the saga layer supplies its own.
 */
public interface SandboxWrites {
  /** The script to run for the business script at this classpath location. */
  LuaScript script(String bodyPath);

  /** Runs it on the body's keys and arguments for this step. */
  List<Object> run(RedisClusterCommands<String, String> redis, LuaScript script, BarrierStep step,
      List<String> keys, String... args);

  /** Inside the saga's barrier: the barrier hash joins the keys, the step and phase the arguments. */
  static SandboxWrites insideBarrier(SagaKeyspace keyspace) {
    return new SandboxWrites() {
      @Override
      public LuaScript script(String bodyPath) {
        return LuaScript.wrapped("lua/barrier/guard.lua", bodyPath);
      }

      @Override
      public List<Object> run(RedisClusterCommands<String, String> redis, LuaScript script, BarrierStep step,
          List<String> keys, String... args) {
        return script.run(redis, ScriptOutputType.MULTI, step.keys(keys, keyspace.barrier(step.sagaId())),
            step.args(args));
      }
    };
  }
}
