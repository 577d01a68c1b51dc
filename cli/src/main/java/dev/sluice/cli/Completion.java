package dev.sluice.cli;

import java.util.Collection;
import java.util.Comparator;
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
    private Completion() {
    }

    public static void main(String[] args) {
        var found = ServiceLoader.load(SluiceSubcommand.class).stream().map(p -> p.get().spec()).toList();
        System.out.print(script(found));
    }

    /** The completion script for a {@code sluice} command with these subcommands (one per name). */
    public static String script(Collection<CommandSpec> subcommands) {
        TreeMap<String, CommandSpec> byName = new TreeMap<>(Comparator.naturalOrder());
        subcommands.forEach(s -> byName.putIfAbsent(s.name(), s));
        CommandSpec top = CommandSpec.create().name("sluice");
        top.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("every command").build());
        byName.forEach(top::addSubcommand);
        top.addSubcommand("completion", CommandSpec.create().name("completion"));
        return AutoComplete.bash("sluice", new CommandLine(top));
    }
}
