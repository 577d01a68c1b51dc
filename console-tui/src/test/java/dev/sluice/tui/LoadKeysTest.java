package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load keys and panel, against a faked engine seam whose load generator reports set figures. */
class LoadKeysTest {
    private final FakeEngine engine = new FakeEngine();

    @Test
    void load_keys_start_change_restart_and_stop_the_load() {
        engine.publish();
        try (VirtualConsole vc =
                new VirtualConsole(engine, 80, 24, new Theme(true, true), "embedded · api test", true)) {
            vc.press('l');
            vc.press('>');
            vc.press('P');
            vc.press('o');
            vc.press('l');
            vc.frame();
            assertThat(engine.calls)
                    .containsExactly(
                            "start realistic, closed, 10 users",
                            "start realistic, closed, 20 users",
                            "stop",
                            "start stress, closed, 20 users",
                            "stop",
                            "start stress, open, 100 req/s",
                            "stop");
        }
    }

    @Test
    void load_panel_shows_the_generators_own_figures() {
        engine.publish();
        try (VirtualConsole vc =
                new VirtualConsole(engine, 80, 24, new Theme(true, true), "embedded · api test", true)) {
            vc.press('l');
            vc.frame();
            engine.loadReports(1_234, 3_400, 2, "connect timed out");
            engine.publish();
            List<String> rows = vc.frame();
            vc.save("load-running-80x24");
            assertThat(Screens.row(rows, "Load")).contains("● running 0:42", "l stop");
            assertThat(Screens.row(rows, "users    ")).contains("10");
            assertThat(Screens.row(rows, "client")).contains("1.23k req/s", "p95 3.4ms");
            assertThat(Screens.row(rows, "errors")).contains("2/s", "total 6", "connect");
            vc.resize(200, 60);
            List<String> wide = vc.frame();
            assertThat(Screens.row(wide, "client")).contains("1.23k req/s", "12.3k ev/s", "p95 3.4ms", "p99 6.8ms");
            assertThat(Screens.row(wide, "last ")).contains("connect timed out");
        }
    }

    @Test
    void quit_asks_first_while_a_load_runs_and_y_stops_it() {
        engine.publish();
        try (VirtualConsole vc =
                new VirtualConsole(engine, 80, 24, new Theme(true, true), "embedded · api test", true)) {
            vc.press('l');
            vc.frame();
            vc.press('q');
            assertThat(vc.frame()).anyMatch(r -> r.contains("A load is running. Stop it, drain the engine and quit?"));
            assertThat(vc.console.finished()).isFalse();
            vc.press('n');
            assertThat(vc.frame()).noneMatch(r -> r.contains("A load is running"));
            vc.press('q');
            vc.press(KeyType.Escape);
            assertThat(vc.console.finished()).isFalse();
            vc.press('q');
            vc.press('y');
            assertThat(vc.console.finished()).isTrue();
            assertThat(vc.console.stopLoadOnExit()).isTrue();
        }
    }

    @Test
    void steps_past_the_ends_are_refused_with_the_reason() {
        engine.publish();
        try (VirtualConsole vc =
                new VirtualConsole(engine, 80, 24, new Theme(true, true), "embedded · api test", true)) {
            for (int i = 0; i < 5; i++) {
                vc.press('<');
            }
            assertThat(vc.frame().get(23)).contains("refused: users are already at the lowest step, 1");
            assertThat(engine.calls).isEmpty();
        }
    }
}
