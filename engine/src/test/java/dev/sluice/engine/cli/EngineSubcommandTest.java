package dev.sluice.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.Completion;
import dev.sluice.cli.SluiceSubcommand;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EngineSubcommandTest {

    @Test
    void completion_finds_the_engine_and_the_load_generator_on_the_classpath() {
        var specs = ServiceLoader.load(SluiceSubcommand.class).stream()
                .map(p -> p.get().spec())
                .toList();
        assertThat(specs).extracting(s -> s.name()).contains("engine", "loadgen");
        assertThat(Completion.script(ServiceLoader.load(SluiceSubcommand.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .toList()))
                .contains("--workers", "--flush-interval", "--rate", "--stages");
    }

    @Test
    void completion_offers_the_experiments_by_name_and_their_flags() {
        String script = Completion.script(ServiceLoader.load(SluiceSubcommand.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
        assertThat(script).contains("experiment").contains("--quick", "--attach", "--report", "--slo", "--describe");
        // NAME and --describe complete to the built-in experiments
        assertThat(script).contains("(\"stages\" \"insert-vs-copy\" \"workers\" \"max-rate\") # --describe values");
    }
}
