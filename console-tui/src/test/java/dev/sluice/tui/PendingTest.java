package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MetricsSnapshot;
import org.junit.jupiter.api.Test;

class PendingTest {
    private final FakeEngine engine = new FakeEngine();

    @Test
    void applied_value_counts_until_the_engine_published_one_more_snapshot() {
        Pending<Integer> workers = new Pending<>();
        MetricsSnapshot atApply = engine.publish();
        workers.set(11, atApply);
        assertThat(workers.base(10, atApply)).as("same tick: the report cannot show it yet").isEqualTo(11);
        assertThat(workers.base(10, engine.publish())).as("next tick may have been taken before the change").isEqualTo(11);
        assertThat(workers.base(10, engine.publish())).as("two ticks on, the engine's report wins").isEqualTo(10);
    }

    @Test
    void the_engines_agreement_a_restart_or_a_failure_end_it() {
        Pending<Integer> workers = new Pending<>();
        MetricsSnapshot s = engine.publish();
        engine.publish();
        workers.set(11, engine.publish());
        assertThat(workers.base(11, engine.snapshot())).isEqualTo(11);
        assertThat(workers.base(10, engine.snapshot())).as("cleared once the engine agreed").isEqualTo(10);

        workers.set(12, engine.snapshot());
        MetricsSnapshot restarted = new FakeEngine().publish();
        assertThat(restarted.seq()).isLessThan(s.seq() + 2);
        assertThat(workers.base(10, restarted)).as("a restarted engine starts its ticks again").isEqualTo(10);

        workers.set(13, engine.snapshot());
        workers.clear();
        assertThat(workers.base(10, engine.snapshot())).isEqualTo(10);
    }
}
