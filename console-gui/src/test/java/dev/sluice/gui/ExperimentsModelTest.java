package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.State;
import dev.sluice.api.Slo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsModelTest {
    private final EventLog log = new EventLog(Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC));
    private final ExperimentsModel model = new ExperimentsModel(log);

    private List<String> lines() {
        return log.entries().stream().map(EventLog.Entry::text).toList();
    }

    @Test
    void the_first_listed_experiment_is_chosen_and_started_at_the_quick_pace() {
        assertThat(model.canStart(ExperimentStatus.NONE))
                .as("nothing listed yet")
                .isFalse();
        assertThatThrownBy(model::request).hasMessage("the engine has not listed its experiments yet");
        model.listed(List.of(ExperimentStatuses.STAGES, ExperimentStatuses.MAX_RATE));
        assertThat(model.chosen()).contains(ExperimentStatuses.STAGES);
        assertThat(model.request()).isEqualTo(ExperimentRequest.builtIn("stages", ExperimentPace.QUICK));
        model.setPace(ExperimentPace.FULL);
        assertThat(model.request().pace()).isEqualTo(ExperimentPace.FULL);
        assertThat(ExperimentsModel.label(ExperimentStatuses.STAGES)).isEqualTo("stages — Stage 1 vs stage 2");

        model.listed(List.of(ExperimentStatuses.MAX_RATE, ExperimentStatuses.STAGES));
        assertThat(model.chosen()).as("a new list keeps the choice").contains(ExperimentStatuses.STAGES);
    }

    @Test
    void the_slo_goes_only_with_a_rate_search_and_a_blank_field_keeps_the_default() {
        model.listed(List.of(ExperimentStatuses.STAGES, ExperimentStatuses.MAX_RATE));
        model.setSlo("20", "1");
        assertThat(model.searches()).isFalse();
        assertThat(model.request().slo()).as("stages is not judged by an SLO").isEqualTo(Slo.DEFAULT);
        model.choose("max-rate");
        assertThat(model.searches()).isTrue();
        assertThat(model.request().slo()).isEqualTo(new Slo(20_000, 0.01));
        model.setSlo(" 75 ms ", "");
        assertThat(model.request().slo()).isEqualTo(new Slo(75_000, Slo.DEFAULT.maxErrorRate()));
        model.setSlo("", "0.5%");
        assertThat(model.request().slo()).isEqualTo(new Slo(Slo.DEFAULT.p99Micros(), 0.005));
    }

    @Test
    void a_bad_slo_is_one_readable_line() {
        assertThatThrownBy(() -> ExperimentsModel.slo("fast", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SLO's p99 must be a number of milliseconds such as 50, was 'fast'");
        assertThatThrownBy(() -> ExperimentsModel.slo("", "lots"))
                .hasMessage("the SLO's error rate must be a percentage such as 0.1, was 'lots'");
        assertThatThrownBy(() -> ExperimentsModel.slo("-5", "")).hasMessageContaining("p99 must be positive");
        assertThatThrownBy(() -> ExperimentsModel.slo("", "0")).hasMessageContaining("error rate must be above 0");
    }

    @Test
    void start_waits_for_the_answer_stop_applies_while_one_runs_and_a_refusal_is_shown_and_logged() {
        model.listed(List.of(ExperimentStatuses.STAGES));
        ExperimentStatus idle = ExperimentStatus.NONE;
        ExperimentStatus running = ExperimentStatuses.running(1, Phase.MEASURE, null);
        assertThat(model.canStart(idle)).isTrue();
        assertThat(model.canStop(idle)).isFalse();
        model.requested();
        assertThat(model.canStart(idle)).as("one start at a time").isFalse();
        model.refused("experiment stages", "experiment 'stages' is running; stop it first");
        assertThat(model.refusal()).isEqualTo("experiment 'stages' is running; stop it first");
        assertThat(lines()).containsExactly("refused experiment stages: experiment 'stages' is running; stop it first");
        assertThat(model.canStart(running)).isFalse();
        assertThat(model.canStop(running)).isTrue();
        model.requested();
        assertThat(model.refusal()).as("a new request clears the old refusal").isNull();
        model.done();
        assertThat(model.canStart(ExperimentStatuses.ended(State.STOPPED, 2, "")))
                .isTrue();
    }

    @Test
    void the_log_tells_the_runs_story_once_per_change() {
        model.observe(ExperimentStatus.NONE);
        model.observe(ExperimentStatuses.running(0, Phase.WARM_UP, null));
        model.observe(ExperimentStatuses.running(0, Phase.MEASURE, null));
        model.observe(ExperimentStatuses.running(1, Phase.WARM_UP, null));
        model.observe(ExperimentStatuses.ended(State.FINISHED, 4, "done well"));
        model.observe(ExperimentStatuses.ended(State.FINISHED, 4, "done well"));
        assertThat(lines())
                .containsExactly(
                        "experiment stages started (quick pace): Stage 1 vs stage 2",
                        "experiment stages step 1 of 4: direct-insert / realistic",
                        "experiment stages step 2 of 4: direct-insert / stress",
                        "experiment stages finished with 4 rows: done well");
    }

    @Test
    void a_console_that_opens_mid_run_says_so_and_stays_quiet_about_an_old_one() {
        ExperimentsModel late = new ExperimentsModel(log);
        late.observe(ExperimentStatuses.ended(State.FINISHED, 4, "old"));
        late.observe(ExperimentStatuses.ended(State.FINISHED, 4, "old"));
        assertThat(lines()).isEmpty();
        ExperimentsModel mid = new ExperimentsModel(log);
        mid.observe(ExperimentStatuses.running(2, Phase.MEASURE, null));
        assertThat(lines())
                .containsExactly(
                        "experiment stages running (quick pace): Stage 1 vs stage 2",
                        "experiment stages step 3 of 4: stream-copy / realistic");
        mid.observe(ExperimentStatuses.ended(State.FAILED, 2, "failed in step 3: engine stopped"));
        assertThat(log.entries().get(2).kind()).isEqualTo(EventLog.Kind.ERROR);
        assertThat(log.entries().get(2).text())
                .isEqualTo("experiment stages failed with 2 rows: failed in step 3: engine stopped");
    }
}
