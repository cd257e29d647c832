package org.paysaga.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.paysaga.redis.SagaKeyspace;

/**
 * {@code deploy/redis/paysaga.acl} agrees with the code: it grants every command the Lua scripts
 * call and covers every key {@link SagaKeyspace} names, and nothing a saga does not need
 * ({@code RedisAclIT} in starter-cli runs the worker and the CLI under it against a real Redis).
 */
class RedisAclFileTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern LUA_CALL = Pattern.compile("redis\\.call\\(\\s*'([A-Za-z]+)'");
  private static final Set<String> NEVER = Set.of("flushall", "flushdb", "keys", "scan", "config", "debug",
      "script", "info", "monitor", "client", "shutdown", "acl", "module", "eval_ro", "select", "swapdb", "migrate",
      "restore", "save", "bgsave", "replicaof", "slaveof", "cluster", "object", "sort", "rename", "move");

  private static List<String> rules(String user) throws IOException {
    for (String line : Files.readAllLines(ROOT.resolve("deploy/redis/paysaga.acl"))) {
      List<String> words = Arrays.asList(line.strip().split("\\s+"));
      if (words.size() > 2 && words.get(0).equals("user") && words.get(1).equals(user)) {
        return words.subList(2, words.size());
      }
    }
    throw new AssertionError("no user " + user + " in deploy/redis/paysaga.acl");
  }

  private static Set<String> granted() throws IOException {
    Set<String> commands = new TreeSet<>();
    rules("paysaga").stream().filter(r -> r.startsWith("+")).forEach(r -> commands.add(r.substring(1)));
    return commands;
  }

  private static boolean covered(String key, List<String> rules) {
    return rules.stream().filter(r -> r.startsWith("~"))
        .anyMatch(r -> key.matches(Pattern.quote(r.substring(1)).replace("*", "\\E.*\\Q")));
  }

  @Test
  void theDefaultUserIsOffAndTheSagaUserStartsFromNothing() throws IOException {
    assertThat(rules("default")).startsWith("off").contains("resetpass", "-@all");
    List<String> paysaga = rules("paysaga");
    assertThat(paysaga).startsWith("on", "#PAYSAGA_PASSWORD_SHA256", "resetkeys")
        .contains("resetchannels", "-@all")
        .noneMatch(r -> r.startsWith("+@") || r.startsWith("allkeys") || r.equals("~*") || r.startsWith("&")
            || r.equals("nopass") || r.startsWith(">"));
    // "-@all" before any "+": the grants are all there is.
    assertThat(paysaga.indexOf("-@all")).isLessThan(paysaga.indexOf(paysaga.stream()
        .filter(r -> r.startsWith("+")).findFirst().orElseThrow()));
  }

  @Test
  void everyCommandTheLuaScriptsCallIsGrantedAndNoDangerousOne() throws IOException {
    Set<String> called = new TreeSet<>();
    try (Stream<Path> scripts = Files.walk(ROOT.resolve("activities/src/main/resources/lua"))) {
      // The sandbox's audit (LRANGE) is read by the tests and the chaos run's audit, never by the
      // worker or the CLI: the user is not granted it.
      for (Path script : scripts.filter(p -> p.toString().endsWith(".lua") && !p.endsWith("sandbox/audit.lua"))
          .toList()) {
        Matcher call = LUA_CALL.matcher(Files.readString(script));
        while (call.find()) {
          called.add(call.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    Set<String> granted = granted();
    assertThat(called).isNotEmpty();
    assertThat(granted).containsAll(called).contains("evalsha", "eval", "ping").doesNotContain("lrange");
    assertThat(granted).filteredOn(c -> NEVER.contains(c.contains("|") ? c.substring(0, c.indexOf('|')) : c))
        .containsOnly("client|setinfo");
  }

  @Test
  void everyKeyOfTheKeyspaceIsCoveredAndNoOther() throws IOException {
    List<String> rules = rules("paysaga");
    SagaKeyspace keys = SagaKeyspace.DEFAULT;
    SagaKeyspace.SandboxKeys sandbox = keys.sandbox("payment-P1");
    List<String> named = new ArrayList<>(List.of(keys.barrier("payment-P1"), keys.barrier("refund-R1"),
        keys.inflight(), keys.dlqEntries(), keys.dlqIndex(), keys.dlqResolutions(),
        keys.dlqOperatorLock("payment-P1"), sandbox.order(), sandbox.charges(), sandbox.refunds(), sandbox.ledger(),
        sandbox.merchantAdjustments(), sandbox.attempts(), sandbox.attemptTimes("CallPaymentChannel")));
    assertThat(named).allMatch(key -> covered(key, rules), "covered by a ~pattern");
    assertThat(List.of("other", "saga:x", "saga:{dlq}", "saga:{dlq}:other", "saga:{payment-P1}:other",
        "payment-P1:barrier", "sagas:{inflight}", "x:saga:{inflight}"))
        .noneMatch(key -> covered(key, rules));
  }
}
