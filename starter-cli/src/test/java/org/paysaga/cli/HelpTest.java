package org.paysaga.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.ProcessSpec;

/** --help on every command (with examples), --version, and the completion script. */
class HelpTest {
  private final Cli cli = new Cli(Map.of());

  @ParameterizedTest(name = "saga {0} --help")
  @ValueSource(strings = {"", "pay", "refund", "status", "history", "list", "demo", "dlq", "dlq list", "dlq show", "dlq retry",
      "dlq resolve", "dlq remove", "dlq size"})
  void everyCommandHasHelpWithExamples(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");

    CliRun run = cli.run(args);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: saga").contains("Examples:").contains("--temporal-address")
        .contains("Global options");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void helpNamesTheEnvironmentVariables() {
    String help = cli.run("--help").out();

    assertThat(help).contains("TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "SAGA_TASK_QUEUE", "REDIS_URL",
        "TEMPORAL_UI_URL", "TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY", "TEMPORAL_API_KEY", "REDIS_PASSWORD");
    assertThat(help).contains("Exit codes:");
  }

  @Test
  void noCommandPrintsTheUsageAndExitsTwo() {
    CliRun run = cli.run();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Usage: saga");
  }

  @Test
  void versionNamesTheBuildAndTheSdk() {
    CliRun run = cli.run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("saga 0.").contains("Temporal Java SDK 1.");
  }

  @Test
  void completionScriptCompletesCommandsInBash(@TempDir Path dir) throws IOException {
    CliRun run = cli.run("generate-completion");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F").contains("dlq").contains("resolve");
    Path script = dir.resolve("saga-completion.bash");
    Files.writeString(script, run.out());

    Path bash = Path.of("/bin/bash");
    if (!Files.isExecutable(bash)) {
      return; // the script's content is checked above; running it needs bash
    }
    String complete = "source " + script + "\n"
        + "COMP_WORDS=(saga dlq re); COMP_CWORD=2; COMP_LINE='saga dlq re'; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_saga saga re dlq\n"
        + "echo \"${COMPREPLY[@]}\"\n";
    ProcessResult completed = ProcessSpec.command("bash", bash.toString(), "-c", complete).run(Duration.ofSeconds(30));
    assertThat(completed.stdout()).as(completed.toString()).contains("retry").contains("resolve").contains("remove");
  }
}
