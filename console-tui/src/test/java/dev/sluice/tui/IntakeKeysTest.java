package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IntakeState;
import dev.sluice.api.MetricsSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The water marks, the intake state and Redis memory in the knobs panel and header, at 80x24. */
class IntakeKeysTest {
    private final FakeEngine engine = new FakeEngine();

    @Test
    void the_knobs_panel_shows_marks_state_and_redis_memory_and_the_keys_move_the_marks() {
        engine.intake = new MetricsSnapshot.IntakeStats(
                IntakeState.THROTTLING, 1_000_000, 750_000, 3, 40, 123L << 20, 1L << 30);
        engine.publish();
        try (VirtualConsole vc =
                new VirtualConsole(engine, 80, 24, new Theme(true, true), "embedded · api test", true)) {
            List<String> rows = vc.frame();
            vc.save("intake-throttling-80x24");
            assertThat(Screens.knobRow(rows, "water ")).contains("1M/750k", "123MB/1.0GB", ") ( ");
            assertThat(Screens.row(rows, "Knobs")).contains("throttling");
            assertThat(rows.get(0)).contains("THROTTLING");
            Screens.assertReadable(rows, false);

            vc.press(')');
            vc.frame();
            assertThat(engine.knobs().highWater()).isEqualTo(2_000_000);
            assertThat(engine.knobs().lowWater())
                    .as("the low mark keeps its ratio")
                    .isEqualTo(1_500_000);
            vc.press('(');
            vc.press('(');
            vc.frame();
            assertThat(engine.knobs().highWater()).isEqualTo(500_000);
            assertThat(engine.knobs().lowWater()).isEqualTo(375_000);
            assertThat(vc.rows().get(23)).contains("water marks 1M/750k → 500k/375k");
        }
    }

    @Test
    void help_lists_the_water_mark_keys_and_still_fits_80x24() {
        engine.publish();
        try (VirtualConsole vc =
                new VirtualConsole(engine, 80, 24, new Theme(true, true), "embedded · api test", true)) {
            vc.press('?');
            String all = String.join("\n", vc.frame());
            assertThat(all).contains("raise the water marks", "lower the water marks", "close this help");
        }
    }
}
