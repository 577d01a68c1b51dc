package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExperimentBannerTest {
    private static final Instant NOW = ExperimentStatuses.stepStart(1).plusSeconds(7);

    @Test
    void a_running_step_shows_its_title_big_where_the_run_is_and_the_time_left_in_its_phase() {
        ExperimentStatus s = ExperimentStatuses.running(1, Phase.MEASURE, NOW.plusMillis(12_300));
        ExperimentBanner b = ExperimentBanner.of(s, NOW);
        assertThat(b.shown()).isTrue();
        assertThat(b.state()).isEqualTo(State.RUNNING);
        assertThat(b.title()).isEqualTo("Stage 1: insert per request (stress)");
        assertThat(b.step()).isEqualTo("step 2 of 4");
        assertThat(b.phase()).isEqualTo("measure");
        assertThat(b.countdown()).as("0.3 s past a whole second rounds up").isEqualTo("0:13");
        assertThat(b.detail()).isEqualTo("Stage 1 vs stage 2 · stages · quick pace");
    }

    @Test
    void the_countdown_follows_the_clock_given_and_stops_at_zero() {
        ExperimentStatus s = ExperimentStatuses.running(0, Phase.WARM_UP, NOW.plusSeconds(75));
        assertThat(ExperimentBanner.of(s, NOW).countdown()).isEqualTo("1:15");
        assertThat(ExperimentBanner.of(s, NOW.plusSeconds(70)).countdown()).isEqualTo("0:05");
        assertThat(ExperimentBanner.of(s, NOW.plusSeconds(90)).countdown()).isEqualTo("0:00");
        assertThat(ExperimentBanner.of(s, NOW).phase()).isEqualTo("warm-up");
    }

    @Test
    void recovery_has_no_countdown_and_says_what_it_waits_for() {
        ExperimentBanner b = ExperimentBanner.of(ExperimentStatuses.running(3, Phase.RECOVER, null), NOW);
        assertThat(b.step()).isEqualTo("step 4 of 4");
        assertThat(b.phase()).isEqualTo("recover (draining the backlog)");
        assertThat(b.countdown()).isEmpty();
    }

    @Test
    void an_ended_run_shows_its_state_and_summary_until_another_starts() {
        ExperimentBanner done = ExperimentBanner.of(
                ExperimentStatuses.ended(State.FINISHED, 4, "stream-copy / stress: 4.1× the rows/s of direct-insert"),
                NOW);
        assertThat(done.shown()).isTrue();
        assertThat(done.title()).isEqualTo("FINISHED · Stage 1 vs stage 2");
        assertThat(done.step()).isEqualTo("4 of 4 steps done");
        assertThat(done.phase()).isEmpty();
        assertThat(done.countdown()).isEmpty();
        assertThat(done.detail()).isEqualTo("stream-copy / stress: 4.1× the rows/s of direct-insert");

        ExperimentBanner stopped = ExperimentBanner.of(ExperimentStatuses.ended(State.STOPPED, 2, ""), NOW);
        assertThat(stopped.title()).isEqualTo("STOPPED · Stage 1 vs stage 2");
        assertThat(stopped.step()).isEqualTo("2 of 4 steps done");
        assertThat(stopped.detail()).isEqualTo("stages · quick pace");
        assertThat(ExperimentBanner.of(ExperimentStatuses.ended(State.FAILED, 1, "failed in step 2: boom"), NOW)
                        .title())
                .startsWith("FAILED");
    }

    @Test
    void no_experiment_no_banner() {
        assertThat(ExperimentBanner.of(ExperimentStatus.NONE, NOW)).isEqualTo(ExperimentBanner.HIDDEN);
        assertThat(ExperimentBanner.of(null, null).shown()).isFalse();
    }

    @Test
    void the_engine_clock_runs_on_between_snapshots_and_restarts_at_each_new_one() {
        EngineClock clock = new EngineClock();
        Instant at = Snapshots.T0.plusSeconds(5);
        assertThat(clock.now(5, at, 1_000_000_000L)).isEqualTo(at);
        assertThat(clock.now(5, at, 1_750_000_000L)).isEqualTo(at.plusMillis(750));
        Instant next = at.plusSeconds(1);
        assertThat(clock.now(6, next, 2_100_000_000L))
                .as("a new tick resets the estimate")
                .isEqualTo(next);
        assertThat(clock.now(6, next, 2_600_000_000L)).isEqualTo(next.plusMillis(500));
        assertThat(clock.now(6, null, 2_600_000_000L)).isNull();
    }
}
