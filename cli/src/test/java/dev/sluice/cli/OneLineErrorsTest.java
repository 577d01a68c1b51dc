package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class OneLineErrorsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Command(name = "demo")
    static final class Demo implements Callable<Integer> {
        static final class Count extends WholeNumbers.IntRange {
            Count() {
                super(1, 9);
            }
        }

        @Option(names = "--count", converter = Count.class)
        Integer count;

        @Option(names = "--wait", converter = DurationConverter.class)
        Duration wait;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true)
        boolean help;

        @Override
        public Integer call() {
            if (count != null && count == 7) {
                throw new UsageException("--count 7 is taken");
            }
            return 0;
        }
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = CommandLines.runnable(
                new Demo(),
                "sluice demo",
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        cl.setDefaultValueProvider(new EnvironmentDefaults(env, "DEMO_", Set.of()));
        CommandLines.usage(cl, "Usage: demo\n");
        return cl.execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void every_kind_of_bad_argument_is_one_line_with_a_hint_and_exit_2() {
        Map<String[], String> cases = Map.of(
                new String[] {"--count", "x"},
                        "sluice demo: --count must be a whole number from 1 to 9, was 'x' (see --help)",
                new String[] {"--wait", "5"}, "sluice demo: --wait needs a unit, e.g. 5ms or 5s, was '5' (see --help)",
                new String[] {"--count"}, "sluice demo: --count needs a value (see --help)",
                new String[] {"--coun", "3"}, "sluice demo: unknown option '--coun' (did you mean --count? see --help)",
                new String[] {"--count", "7"}, "sluice demo: --count 7 is taken (see --help)");
        cases.forEach((args, line) -> {
            err.reset();
            assertThat(run(Map.of(), args)).as(line).isEqualTo(2);
            assertThat(err()).isEqualTo(line + System.lineSeparator());
        });
        assertThat(out.size()).isZero();
    }

    @Test
    void a_bad_environment_value_names_the_variable() {
        assertThat(run(Map.of("DEMO_WAIT", "soon"))).isEqualTo(2);
        assertThat(err()).startsWith("sluice demo: DEMO_WAIT must be a duration such as 250ms");
    }

    @Test
    void help_is_exit_0_on_stdout() {
        assertThat(run(Map.of(), "-h")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Usage: demo\n");
        assertThat(err()).isEmpty();
    }
}
