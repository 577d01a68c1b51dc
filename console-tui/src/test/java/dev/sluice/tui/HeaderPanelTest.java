package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.sluice.api.EngineState;
import dev.sluice.api.Knobs;
import dev.sluice.api.LoadStatus;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.Health;
import dev.sluice.api.MetricsSnapshot.StoreHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderPanelTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void a_degraded_engine_shows_which_store_is_down_and_for_how_long() throws Exception {
        Health h = new Health(
                StoreHealth.UNKNOWN,
                new StoreHealth(false, AT.minusSeconds(7), 0, -1, "did not answer for 7.0 s"),
                List.of("redis"));
        String top = render(snapshot(EngineState.DEGRADED, h), 100);
        assertThat(top).contains("● DEGRADED redis down 0:07", "workers");
    }

    @Test
    void a_running_engine_shows_the_last_recovery() throws Exception {
        Health h = new Health(new StoreHealth(true, AT.minusSeconds(30), 1, 3_200, ""), StoreHealth.UNKNOWN, List.of());
        String top = render(snapshot(EngineState.RUNNING, h), 120);
        assertThat(top).contains("● RUNNING", "postgres back after 3.2 s").doesNotContain("down");
    }

    @Test
    void without_outages_the_header_is_as_before() throws Exception {
        String top = render(snapshot(EngineState.RUNNING, Health.UNKNOWN), 100);
        assertThat(top).contains("● RUNNING").doesNotContain("back after").doesNotContain("down");
    }

    private static String render(MetricsSnapshot s, int cols) throws Exception {
        DefaultVirtualTerminal t = new DefaultVirtualTerminal(new TerminalSize(cols, 2));
        TerminalScreen screen = new TerminalScreen(t);
        screen.startScreen();
        new HeaderPanel("embedded · api http://127.0.0.1:8080", false)
                .draw(new Canvas(screen.newTextGraphics(), new Theme(true, true)), s, true, AT.toEpochMilli());
        screen.refresh();
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            b.append(t.getCharacter(c, 0).getCharacterString());
        }
        screen.stopScreen();
        return b.toString();
    }

    private static MetricsSnapshot snapshot(EngineState state, Health health) {
        MetricsSnapshot.Latency none = MetricsSnapshot.Latency.NONE;
        return new MetricsSnapshot(
                1,
                AT,
                state,
                60_000,
                Knobs.defaults(),
                new MetricsSnapshot.StoreInfo(
                        "postgresql://postgres@127.0.0.1:5432/sluice",
                        "embedded",
                        "redis://127.0.0.1:6379",
                        "embedded"),
                new MetricsSnapshot.ApiStats(0, 0, 0, 0, 0, 0, none),
                new MetricsSnapshot.StreamStats(0, 0, 0, 0),
                new MetricsSnapshot.WorkerStats(10, 0, 0, 0, 0, 0, 0, none),
                new MetricsSnapshot.PoolStats(0, 0, 0, 0),
                new MetricsSnapshot.Totals(0, 0, 0, 0, 0),
                Map.of(),
                LoadStatus.IDLE,
                null,
                health);
    }
}
