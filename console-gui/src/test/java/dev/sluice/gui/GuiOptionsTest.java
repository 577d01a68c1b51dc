package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuiOptionsTest {

    private static GuiOptions parse(String... args) {
        return GuiOptions.parse(args, Map.of());
    }

    @Test
    void engine_flags_go_to_the_embedded_stack_and_console_flags_stay_here() {
        GuiOptions o = parse(
                "--workers",
                "4",
                "--classroom",
                "--port=0",
                "--load",
                "firehose",
                "--users",
                "8",
                "--mode",
                "direct-insert");
        assertThat(o.attach()).isNull();
        assertThat(o.engineArgs()).containsExactly("--workers", "4", "--port=0", "--mode", "direct-insert");
        assertThat(o.settings().classroom()).isTrue();
        assertThat(o.settings().load()).isEqualTo(LoadSpec.closed("firehose", 8));
        assertThat(o.dataDir()).isEqualTo(java.nio.file.Path.of("sluice-data").toAbsolutePath());
    }

    @Test
    void attach_takes_a_url_a_token_and_a_data_dir_for_logs() {
        GuiOptions o = GuiOptions.parse(
                new String[] {"--attach", "http://10.0.0.5:8080", "--data-dir", "/tmp/x"},
                Map.of("SLUICE_CONTROL_TOKEN", "s3cret"));
        assertThat(o.attach()).isEqualTo(URI.create("http://10.0.0.5:8080"));
        assertThat(o.token()).isEqualTo("s3cret");
        assertThat(o.engineArgs()).isEmpty();
        assertThat(o.dataDir().toString()).isEqualTo("/tmp/x");
        assertThat(parse("--attach=http://h:1", "--token", "t").token()).isEqualTo("t");
    }

    @Test
    void bad_flags_are_one_readable_line() {
        assertThatThrownBy(() -> parse("--attach", "h:8080"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--attach must be an http URL such as http://10.0.0.5:8080, was 'h:8080'");
        assertThatThrownBy(() -> parse("--attach", "http://h:1", "--workers", "4"))
                .hasMessageStartingWith("'--workers' does not go with --attach");
        assertThatThrownBy(() -> parse("--token", "t")).hasMessage("--token goes with --attach URL");
        assertThatThrownBy(() -> parse("--users", "5")).hasMessage("--users and --rate go with --load PROFILE");
        assertThatThrownBy(() -> parse("--workers", "0"))
                .hasMessageContaining("--workers must be a whole number from 1 to 256");
        assertThatThrownBy(() -> parse("--bogus")).hasMessage("unknown option '--bogus' (see --help)");
    }

    @Test
    void a_load_profile_the_engine_does_not_list_is_refused_once_it_is_open() {
        assertThat(GuiMain.unknownProfile(LoadSpec.closed("tsunami", 5), List.of("realistic", "stress")))
                .isEqualTo("--load must be one of realistic, stress, was 'tsunami'");
        assertThat(GuiMain.unknownProfile(LoadSpec.closed("stress", 5), List.of("realistic", "stress")))
                .isNull();
    }

    @Test
    void an_experiment_the_engine_does_not_list_is_refused_once_it_is_open() {
        List<String> known = List.of("stages", "workers");
        assertThat(GuiMain.unknownExperiment(ExperimentRequest.builtIn("stagez", ExperimentPace.QUICK), known))
                .isEqualTo("--experiment must be one of stages, workers, was 'stagez'");
        assertThat(GuiMain.unknownExperiment(ExperimentRequest.builtIn("stages", ExperimentPace.QUICK), known))
                .isNull();
        assertThat(GuiMain.unknownExperiment(ExperimentRequest.builtIn("stagez", ExperimentPace.QUICK), null))
                .as("an engine that cannot list them yet: the window shows its refusal")
                .isNull();
    }

    @Test
    void open_model_load_and_screenshot_settings() {
        GuiOptions o =
                parse("--load", "stress", "--rate", "2500", "--screenshot", "shot.png", "--screenshot-after", "5s");
        assertThat(o.settings().load()).isEqualTo(LoadSpec.open("stress", 2500));
        assertThat(o.settings().screenshot()).isAbsolute().hasFileName("shot.png");
        assertThat(o.settings().screenshotAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> parse("--screenshot-after", "5"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--screenshot-after needs a unit, e.g. 5ms or 5s, was '5'");
        assertThat(parse("-h").help()).isTrue();
    }

    @Test
    void an_experiment_to_start_at_once_at_the_quick_pace_unless_told() {
        assertThat(parse("--experiment", "stages").settings().experiment())
                .isEqualTo(ExperimentRequest.builtIn("stages", ExperimentPace.QUICK));
        assertThat(parse("--experiment", "Workers", "--pace", "full", "--workers", "4")
                        .settings()
                        .experiment())
                .isEqualTo(ExperimentRequest.builtIn("workers", ExperimentPace.FULL));
        assertThat(parse("--classroom").settings().experiment()).isNull();
        assertThatThrownBy(() -> parse("--pace", "quick")).hasMessage("--pace goes with --experiment NAME");
        assertThatThrownBy(() -> parse("--experiment", "stages", "--pace", "slow"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--pace: pace must be one of full, quick, test, was 'slow'");
        assertThatThrownBy(() -> parse("--experiment", "stages", "--load", "stress"))
                .hasMessage("give --load or --experiment, not both (an experiment runs its own loads)");
    }

    @Test
    void main_prints_one_line_and_exits_2_on_a_bad_flag() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GuiMain.run(
                new String[] {"--workers", "x"},
                Map.of(),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("sluice gui: --workers must be a whole number from 1 to 256, was 'x' (see --help)"
                        + System.lineSeparator());
    }

    @Test
    void help_lists_console_and_engine_flags() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = GuiMain.run(
                new String[] {"--help"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--attach URL", "--classroom", "--data-dir DIR", "--workers N");
    }
}
