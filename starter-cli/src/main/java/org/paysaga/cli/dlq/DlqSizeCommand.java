package org.paysaga.cli.dlq;

import java.util.concurrent.Callable;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code saga dlq size}: the number of entries. */
@Command(name = "size", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga dlq size [GLOBAL OPTIONS]",
    description = "Print the number of sagas in the dead-letter queue (the saga_dlq_size gauge, read directly).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga dlq size",
        "  test \"$(saga dlq size)\" -eq 0 || echo 'sagas need an operator'",
        "",
        "Exit codes: 0 printed; 4 Redis unreachable."})
public final class DlqSizeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    long size = DlqAccess.service(context, false).size();
    output.line(Long.toString(size));
    output.result(new DlqSizeResult(size));
    return ExitCodes.OK;
  }
}
