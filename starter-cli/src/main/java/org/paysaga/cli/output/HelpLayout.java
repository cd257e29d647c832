package org.paysaga.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --help} of every command: its own options first, then the global options (which
 * every command takes, before or after its name) under a heading of their own.
 */
public final class HelpLayout {
  public static final int WIDTH = 110;
  private static final String GLOBAL_HEADING = "globalOptionListHeading";
  private static final String GLOBAL_LIST = "globalOptionList";

  private HelpLayout() {}

  /** Applies the layout to the command and all its subcommands. */
  public static void install(CommandLine command) {
    UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    usage.width(WIDTH);
    Map<String, CommandLine.IHelpSectionRenderer> sections = usage.sectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> options(help, o -> !global(o)));
    sections.put(GLOBAL_HEADING, help -> help.commandSpec().options().stream().anyMatch(HelpLayout::global)
        ? help.createHeading("%nGlobal options (before or after the command; defaults from the environment):%n")
        : "");
    sections.put(GLOBAL_LIST, help -> options(help, HelpLayout::global));
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    int afterOptions = keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1;
    keys.add(afterOptions, GLOBAL_HEADING);
    keys.add(afterOptions + 1, GLOBAL_LIST);
    usage.sectionKeys(keys);
    command.getSubcommands().values().forEach(HelpLayout::install);
  }

  private static boolean global(OptionSpec option) {
    return option.scopeType() == ScopeType.INHERIT;
  }

  private static String options(Help help, Predicate<OptionSpec> which) {
    List<OptionSpec> options = help.commandSpec().options().stream().filter(which).filter(o -> !o.hidden()).toList();
    if (options.isEmpty()) {
      return "";
    }
    return help.optionListExcludingGroups(options, help.createDefaultLayout(), null,
        help.createDefaultParamLabelRenderer());
  }
}
