package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class LoadModelTest {
    private final EventLog log = new EventLog(Clock.systemUTC());
    private final LoadModel model = new LoadModel(log);

    private static LoadStatus running(LoadSpec spec, double rps) {
        return new LoadStatus(true, spec, 42_000, rps, rps * 10, 2_000, 3_500, 0, 2, "connect refused");
    }

    @Test
    void the_form_becomes_a_closed_or_open_spec() {
        model.setProfile("firehose");
        model.setUsers(8);
        assertThat(model.spec()).isEqualTo(LoadSpec.closed("firehose", 8));
        model.setOpen(true);
        model.setRate(2500);
        assertThat(model.spec()).isEqualTo(LoadSpec.open("firehose", 2500));
    }

    @Test
    void changing_users_of_a_running_load_adjusts_it_and_another_profile_restarts_it() {
        assertThat(model.change(LoadStatus.IDLE)).isEqualTo(LoadModel.Change.NONE);
        LoadStatus now = running(LoadSpec.closed("realistic", 50), 100);
        model.setUsers(80);
        assertThat(model.change(now)).isEqualTo(LoadModel.Change.ADJUST);
        model.setProfile("stress");
        assertThat(model.change(now)).isEqualTo(LoadModel.Change.RESTART);
        model.setProfile("realistic");
        model.setOpen(true);
        assertThat(model.change(now)).isEqualTo(LoadModel.Change.RESTART);
    }

    @Test
    void a_load_started_elsewhere_shows_in_the_form() {
        model.observe(running(LoadSpec.open("stress", 750), 700));
        assertThat(model.profile()).isEqualTo("stress");
        assertThat(model.open()).isTrue();
        assertThat(model.rate()).isEqualTo(750);
    }

    @Test
    void the_form_is_left_alone_while_a_change_is_on_its_way() {
        model.setUsers(99);
        model.requested();
        model.observe(running(LoadSpec.closed("realistic", 50), 100));
        assertThat(model.users()).isEqualTo(99);
    }

    @Test
    void status_line_carries_the_clients_own_figures() {
        assertThat(LoadModel.status(LoadStatus.IDLE)).isEqualTo("idle");
        assertThat(LoadModel.status(running(LoadSpec.closed("firehose", 8), 12_345)))
                .isEqualTo("firehose · closed 8 users · 12,345 req/s · p99 3.50 ms · errors 2 · 42s");
    }

    @Test
    void a_refusal_is_kept_for_the_panel_and_logged() {
        model.requested();
        model.refused("load firehose", "the load generator is not wired in yet");
        assertThat(model.refusal()).isEqualTo("the load generator is not wired in yet");
        assertThat(log.entries())
                .last()
                .extracting(EventLog.Entry::text)
                .isEqualTo("refused load firehose: the load generator is not wired in yet");
        model.requested();
        assertThat(model.refusal()).isNull();
    }
}
