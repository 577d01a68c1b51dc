package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class CompletionTest {

    private static CommandSpec command(String name, String... options) {
        CommandSpec spec = CommandSpec.create().name(name);
        for (String option : options) {
            spec.addOption(OptionSpec.builder(option).arity("1").build());
        }
        return spec;
    }

    @Test
    void the_script_completes_every_subcommand_and_its_options() {
        String script = Completion.scriptOf(List.of(
                command("loadgen", "--rate"), command("engine", "--workers", "--tick"), command("engine", "--other")));
        assertThat(script)
                .contains("complete -F _complete_sluice", "engine", "loadgen", "completion", "--workers", "--rate")
                .as("one command per name: the first found")
                .doesNotContain("--other");
    }

    @Test
    void a_console_completes_the_engine_options_it_passes_on() {
        CommandSpec tui = command("tui", "--attach");
        SluiceSubcommand console = new SluiceSubcommand() {
            @Override
            public CommandSpec spec() {
                return tui;
            }

            @Override
            public boolean passesEngineOptions() {
                return true;
            }
        };
        SluiceSubcommand engine = () -> command("engine", "--workers", "--attach");
        Completion.script(List.of(console, engine));
        assertThat(tui.findOption("--workers")).isNotNull();
        assertThat(tui.options()).hasSize(2);
    }
}
