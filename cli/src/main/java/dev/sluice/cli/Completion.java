package dev.sluice.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ./sluice completion}: prints a bash (and zsh, through bashcompinit) completion script for
 * {@code sluice} and every subcommand on the classpath ({@link SluiceSubcommand}). The launcher runs
 * it with all the modules' classpaths together; use it as {@code source <(./sluice completion)}.
 */
public final class Completion {
    private Completion() {}

    public static void main(String[] args) {
        System.out.print(script(ServiceLoader.load(SluiceSubcommand.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList()));
    }

    /**
     * The completion script for these subcommands (one per name, the first found); a console's gets
     * the {@code engine} command's options beside its own, as it passes them to its local engine.
     */
    public static String script(List<SluiceSubcommand> found) {
        List<CommandSpec> specs = found.stream().map(SluiceSubcommand::spec).toList();
        CommandSpec engine = specs.stream()
                .filter(s -> s.name().equals("engine"))
                .findFirst()
                .orElse(null);
        for (int i = 0; engine != null && i < found.size(); i++) {
            if (found.get(i).passesEngineOptions()) {
                addMissing(specs.get(i), engine);
            }
        }
        return scriptOf(specs);
    }

    private static void addMissing(CommandSpec console, CommandSpec engine) {
        for (OptionSpec option : engine.options()) {
            if (option.names().length > 0 && console.findOption(option.longestName()) == null && !option.usageHelp()) {
                console.addOption(OptionSpec.builder(option.names())
                        .arity(option.arity().toString())
                        .paramLabel(option.paramLabel())
                        .description(option.description())
                        .build());
            }
        }
    }

    /** The completion script for a {@code sluice} command with these subcommands (one per name). */
    static String scriptOf(Collection<CommandSpec> subcommands) {
        TreeMap<String, CommandSpec> byName = new TreeMap<>(Comparator.naturalOrder());
        subcommands.forEach(s -> byName.putIfAbsent(s.name(), s));
        CommandSpec top = CommandSpec.create().name("sluice");
        top.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("every command")
                .build());
        byName.forEach(top::addSubcommand);
        top.addSubcommand("completion", CommandSpec.create().name("completion"));
        return AutoComplete.bash("sluice", new CommandLine(top));
    }
}
