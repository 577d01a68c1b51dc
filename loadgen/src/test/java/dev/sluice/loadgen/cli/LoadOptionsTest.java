package dev.sluice.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.cli.UsageException;
import dev.sluice.loadgen.Profiles;
import dev.sluice.loadgen.api.LoadModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
    private final Profiles profiles = Profiles.builtin();

    private LoadOptions parse(String... args) {
        return LoadOptions.parse(args, profiles, name -> null);
    }

    @Test
    void token_comes_from_the_flag_then_the_engine_variable_and_is_hidden_from_to_string() {
        assertThat(parse("--url", "http://h:1").plan().bearerToken()).isNull();
        LoadOptions flag = LoadOptions.parse(
                new String[] {"--url", "http://h:1", "--token", "flag-token"}, profiles, name -> "env-token");
        assertThat(flag.plan().bearerToken()).isEqualTo("flag-token");
        assertThat(flag.plan().toString()).doesNotContain("flag-token").contains("bearerToken=***");
        LoadOptions env = LoadOptions.parse(
                new String[] {"--url", "http://h:1"},
                profiles,
                name -> name.equals("SLUICE_INGEST_TOKEN") ? "env-token" : null);
        assertThat(env.plan().bearerToken()).isEqualTo("env-token");
    }

    @Test
    void a_token_that_could_break_the_request_head_is_refused_in_one_line() {
        assertThatThrownBy(() -> parse("--url", "http://h:1", "--token", "two words"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--token must be printable ASCII without spaces (9 characters given)");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url", "http://h:1"}, profiles, name -> "a\r\nX: y"))
                .isInstanceOf(UsageException.class)
                .hasMessage("SLUICE_INGEST_TOKEN must be printable ASCII without spaces (7 characters given)");
    }

    @Test
    void profile_defaults_apply_when_neither_users_nor_rate_is_given() {
        LoadOptions o = parse("--url", "http://127.0.0.1:8080");
        assertThat(o.plan().profile()).isEqualTo("realistic");
        assertThat(o.plan().model()).isEqualTo(LoadModel.CLOSED);
        assertThat(o.plan().users()).isEqualTo(1000);
        assertThat(o.plan().duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.reportDir()).isEmpty();
    }

    @Test
    void rate_makes_an_open_run_and_stages_set_the_duration() {
        LoadOptions o = parse(
                "--url=http://h:1",
                "--profile",
                "firehose",
                "--rate",
                "5k",
                "--duration",
                "1m30s",
                "--connections",
                "8",
                "--seed",
                "9",
                "--report",
                "out",
                "--quiet");
        assertThat(o.plan().model()).isEqualTo(LoadModel.OPEN);
        assertThat(o.plan().ratePerSec()).isEqualTo(5000);
        assertThat(o.plan().duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.plan().seed()).isEqualTo(9);
        assertThat(o.quiet()).isTrue();
        LoadOptions s = parse("--url", "http://h:1", "--stages", "0->100 users over 10s, hold 20s");
        assertThat(s.plan().duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.plan().stages()).hasSize(2);
    }

    @Test
    void bad_input_is_one_line() {
        bad(
                "unknown profile 'nope' (profiles: realistic, stress, firehose, read-mix, queue, items)",
                "--url",
                "http://h:1",
                "--profile",
                "nope");
        bad(
                "--rate must be requests per second from 0.001 to 10000000 (5k = 5000), was '-5'",
                "--url",
                "http://h:1",
                "--rate",
                "-5");
        bad("--stages: stage 1 (\"ramp up\"): expected", "--url", "http://h:1", "--stages", "ramp up");
        bad(
                "give --users (closed model) or --rate (open model), not both",
                "--url",
                "http://h:1",
                "--users",
                "3",
                "--rate",
                "3");
        bad("--url is required", "--profile", "stress");
        bad("https is not supported", "--url", "https://h:1");
        bad("unknown option '--turbo'", "--url", "http://h:1", "--turbo");
        bad("--duration needs a unit, e.g. 30ms or 30s, was '30'", "--url", "http://h:1", "--duration", "30");
        bad("--duration must be a duration such as", "--url", "http://h:1", "--duration", "soon");
        bad("--duration must be more than zero, was '0s'", "--url", "http://h:1", "--duration", "0s");
        bad("--token needs a value", "--url", "http://h:1", "--token");
        bad("unexpected argument 'fast' (options start with --; see --help)", "--url", "http://h:1", "fast");
        bad("--users must be a whole number from 1 to 1000000, was '0'", "--url", "http://h:1", "--users", "0");
        bad(
                "--stages set a rate but --users was given too",
                "--url",
                "http://h:1",
                "--users",
                "5",
                "--stages",
                "rate 5 5s");
        bad(
                "--duration 10s conflicts with --stages, which last 5s",
                "--url",
                "http://h:1",
                "--duration",
                "10s",
                "--stages",
                "rate 5 5s");
    }

    @Test
    void help_lists_every_option_with_its_default() {
        String help = LoadOptions.optionsHelp(profiles);
        for (String opt : new String[] {
            "--url",
            "--profile",
            "--users",
            "--rate",
            "--duration",
            "--stages",
            "--requests",
            "--connections",
            "--io-threads",
            "--seed",
            "--connect-timeout",
            "--timeout",
            "--report",
            "--quiet",
            "--verbose"
        }) {
            assertThat(help).contains(opt);
        }
        assertThat(help.lines()
                        .filter(l -> l.startsWith("  --") && !l.contains("--help") && !l.contains("--url"))
                        .allMatch(l -> l.contains("default")))
                .isTrue();
        profiles.all().forEach(p -> assertThat(help).contains(p.name()));
    }

    private void bad(String message, String... args) {
        assertThatThrownBy(() -> parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
