package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineException;
import dev.sluice.api.EngineSession;
import dev.sluice.api.EngineSessions;
import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.LoadSpec;
import dev.sluice.api.MetricsSnapshot;
import dev.sluice.testing.Await;
import dev.sluice.testing.TestStores;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console against a real embedded engine (PostgreSQL, Redis, HTTP), rendered into Lanterna's
 * virtual terminal. One stack for the class; each test leaves the knobs as it found them.
 */
class ConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    static EngineSession session;
    static EngineControl engine;

    @BeforeAll
    static void start() throws Exception {
        // the module's shared stores, a database of its own; a short tick so snapshots, and so the
        // tests, move quickly; opened the way the console opens a local engine (ServiceLoader)
        List<String> args = new ArrayList<>(TestStores.engineFlags(TestStores.freshDatabase("tui_console")));
        args.addAll(List.of("--port", "0", "--tick", "250ms"));
        session = EngineSessions.startLocal(args, Map.of());
        engine = session.control();
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    @AfterEach
    void restoreKnobs() {
        engine.update(KnobsChange.to(Knobs.defaults()));
        try {
            engine.stopLoad();
        } catch (EngineException e) {
            // no load generator in this engine: nothing ran
        }
    }

    @Test
    void screen_shows_the_figures_of_the_current_snapshot() throws Exception {
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24);
                Writer writer = Writer.start(session.apiUri(), Duration.ofSeconds(20))) {
            // wait for this writer's own events too: the first snapshots may still carry rates
            // left by an earlier test's load, which would pass before the writer got one 202
            Await.until(
                    () -> "a snapshot with the writer's traffic committed; " + writer.describe() + "; latest "
                            + vc.model.latest(),
                    WAIT,
                    () -> {
                        vc.frame();
                        MetricsSnapshot s = vc.model.latest();
                        return writer.accepted() > 0
                                && s != null
                                && s.totals().rowsCommitted() > 0
                                && s.api().okPerSec() > 0
                                && s.workers().rowsPerSec() > 0;
                    });
            List<String> rows = vc.rows();
            MetricsSnapshot s = vc.model.latest();
            vc.save("figures-80x24");

            assertThat(s.seq())
                    .as("the console shows a current snapshot")
                    .isGreaterThanOrEqualTo(engine.snapshot().seq() - 8);
            assertThat(rows.get(0))
                    .contains(
                            "RUNNING",
                            "stream-copy",
                            s.knobs().workers() + " workers",
                            "committed " + Fmt.count(s.totals().rowsCommitted()));
            assertThat(rows.get(1))
                    .contains(
                            "api",
                            session.apiUri().getAuthority(),
                            HeaderPanel.hostPart(s.stores().redisUrl()));
            assertThat(Screens.row(rows, "Requests/s"))
                    .contains(
                            "ok " + Fmt.qty(s.api().okPerSec()),
                            "err "
                                    + Fmt.qty(s.api().clientErrorsPerSec()
                                            + s.api().throttledPerSec()
                                            + s.api().serverErrorsPerSec()));
            assertThat(Screens.row(rows, "Latency"))
                    .contains(
                            "p50 " + Fmt.micros(s.api().latency().p50Micros(), true),
                            "p99 " + Fmt.micros(s.api().latency().p99Micros(), true));
            assertThat(Screens.row(rows, "Stream "))
                    .contains(
                            "backlog " + Fmt.qty(s.stream().backlog()),
                            "lag " + Fmt.qty(s.stream().lag()));
            assertThat(Screens.row(rows, "Rows/s committed"))
                    .contains("rows " + Fmt.qty(s.workers().rowsPerSec()));
            assertThat(Screens.knobRow(rows, "workers "))
                    .containsPattern("workers\\s+" + s.knobs().workers() + "\\s");
            assertThat(Screens.knobRow(rows, "batch size"))
                    .contains(String.valueOf(s.knobs().batchSize()));
            assertThat(Screens.knobRow(rows, "flush every"))
                    .contains(Fmt.interval(s.knobs().flushInterval()));
            assertThat(Screens.knobRow(rows, "mode ")).contains(s.knobs().mode().label());
        }
    }

    @Test
    void w_shows_the_queue_the_engine_reports_with_the_channel_just_posted_to() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(session.apiUri().resolve("/message"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"channel\":\"tui-jobs\",\"message\":{\"i\":" + i + "}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("POST /message: %s", r.body()).isEqualTo(201);
        }
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            vc.press('w');
            Pattern channel = Pattern.compile("^ {3}tui-jobs\\s+3\\s");
            Await.until(
                    () -> "the queue panel with tui-jobs at depth 3 in\n" + vc.text(),
                    WAIT,
                    () -> vc.frame().stream().anyMatch(r -> channel.matcher(r).find()));
            List<String> rows = vc.rows();
            vc.save("workloads-engine-80x24");
            assertThat(Screens.row(rows, " Queue")).containsPattern("Queue  depth \\d");
            assertThat(Screens.row(rows, "enqueued/s")).containsPattern("total \\d");
            assertThat(Screens.row(rows, "hit ratio").substring(40)).startsWith(" hit ratio");
            assertThat(rows).noneMatch(r -> r.contains("not reported"));
            assertThat(rows).noneMatch(r -> r.contains("~"));
            vc.press('w');
            // the nodes view: this engine alone on its stream, marked as the node the console drives
            Await.until(
                    () -> "the nodes view with this node in\n" + vc.text(),
                    WAIT,
                    () -> vc.frame().stream().anyMatch(r -> r.startsWith(" ▶ ")));
            assertThat(Screens.row(vc.rows(), " Nodes")).contains("1 alive");
            vc.save("nodes-engine-80x24");
            vc.press('w');
            Screens.assertReadable(vc.frame(), false);
        }
    }

    @Test
    void keys_change_the_engines_knobs() {
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            Knobs start = engine.knobs();
            vc.press('+');
            vc.frame();
            assertThat(engine.knobs().workers()).isEqualTo(start.workers() + 1);
            assertThat(vc.rows().get(23)).contains("workers " + start.workers() + " → " + (start.workers() + 1));

            vc.press(']');
            vc.press('}');
            vc.press('m');
            vc.press('p');
            vc.frame();
            Knobs k = engine.knobs();
            assertThat(k.batchSize()).isEqualTo(1_000);
            assertThat(k.flushInterval()).isEqualTo(Duration.ofMillis(200));
            assertThat(k.mode()).isEqualTo(IngestMode.DIRECT_INSERT);
            assertThat(k.paused()).isTrue();

            vc.press('-');
            vc.press('[');
            vc.press('{');
            vc.press('m');
            vc.press('m');
            vc.press('p');
            vc.frame();
            assertThat(engine.knobs()).isEqualTo(start);

            // the knobs panel shows what the next snapshot reports, not a copy the console keeps
            Await.until("a snapshot with the knobs back", WAIT, () -> {
                vc.frame();
                return vc.model.latest().knobs().equals(start);
            });
            assertThat(Screens.knobRow(vc.rows(), "mode ")).contains("stream-copy");
            assertThat(Screens.knobRow(vc.rows(), "mode ")).contains("running");
        }
    }

    @Test
    void refused_changes_show_the_engines_reason_on_the_event_line() {
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            engine.update(KnobsChange.none().withWorkers(Knobs.MAX_WORKERS).withBatchSize(Knobs.MAX_BATCH_SIZE));
            vc.press('+');
            List<String> rows = vc.frame();
            assertThat(rows.get(23)).contains("refused: workers must be 1..256, was 257");
            vc.press(']');
            rows = vc.frame();
            assertThat(rows.get(23)).contains("refused: batch size must be 1..10000, was 20000");
            assertThat(engine.knobs().workers()).isEqualTo(Knobs.MAX_WORKERS);
            assertThat(engine.knobs().batchSize()).isEqualTo(Knobs.MAX_BATCH_SIZE);
        }
    }

    @Test
    void load_key_starts_the_load_or_shows_why_the_engine_refused() {
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            LoadSpec draft = vc.model.loadDraft();
            vc.press('l');
            List<String> rows = vc.frame();
            if (vc.model.event().error()) {
                String reason = refusal(draft);
                assertThat(rows.get(23)).contains("load refused: " + reason);
                assertThat(Screens.row(rows, "Load")).contains("idle");
                return;
            }
            Await.until("the load in a snapshot", WAIT, () -> {
                vc.frame();
                return vc.model.latest().load().running();
            });
            vc.press('>');
            Await.until("the load at the next step of users", WAIT, () -> {
                vc.frame();
                LoadSpec running = vc.model.latest().load().spec();
                return running != null
                        && running.users() == LoadText.step(draft, true).users();
            });
            assertThat(Screens.row(vc.rows(), "Load")).contains("running");
            assertThat(Screens.row(vc.rows(), "users    "))
                    .contains(String.valueOf(LoadText.step(draft, true).users()));
            vc.press('l');
            Await.until("the load stopped", WAIT, () -> {
                vc.frame();
                return !vc.model.latest().load().running();
            });
        }
    }

    @Test
    void quit_asks_first_while_a_load_runs() {
        assumeThat(loadGeneratorWired()).as("the engine has a load generator").isTrue();
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            Await.until("the load in a snapshot", WAIT, () -> {
                vc.frame();
                return vc.model.latest().load().running();
            });
            vc.press('q');
            assertThat(vc.frame()).anyMatch(r -> r.contains("A load is running"));
            assertThat(vc.console.finished()).isFalse();
            vc.press(KeyType.Escape);
            assertThat(vc.frame()).noneMatch(r -> r.contains("A load is running"));
            vc.press('q');
            vc.press('y');
            assertThat(vc.console.finished()).isTrue();
            assertThat(vc.console.stopLoadOnExit()).isTrue();
        }
    }

    @Test
    void q_quits_at_once_when_no_load_runs_and_ctrl_c_always_does() {
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            vc.frame();
            vc.press('q');
            assertThat(vc.console.finished()).isTrue();
        }
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            vc.console.onKey(new KeyStroke('c', true, false));
            assertThat(vc.console.finished()).isTrue();
        }
    }

    @Test
    void help_overlay_lists_every_bound_key_and_esc_closes_it() {
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            vc.press('?');
            List<String> rows = vc.frame();
            vc.save("help-80x24");
            for (KeyMap.Binding b : vc.console.keys().bindings()) {
                Pattern line =
                        Pattern.compile(Pattern.quote(b.key().label()) + "\\s+" + Pattern.quote(b.description()));
                assertThat(rows)
                        .as("help lists %s", b)
                        .anyMatch(r -> line.matcher(r).find());
            }
            int workers = engine.knobs().workers();
            vc.press('+');
            vc.frame();
            assertThat(engine.knobs().workers())
                    .as("dashboard keys are inert under the overlay")
                    .isEqualTo(workers);

            vc.press(KeyType.Escape);
            assertThat(vc.frame()).noneMatch(r -> r.contains("Esc or ? closes"));
            vc.press('?');
            vc.press('?');
            assertThat(vc.frame()).noneMatch(r -> r.contains("Esc or ? closes"));
        }
    }

    @Test
    void resizes_keep_every_panel_readable_and_leave_no_stale_cells() throws Exception {
        try (VirtualConsole vc = VirtualConsole.embedded(session, 80, 24)) {
            Screens.assertReadable(vc.frame(), false);
            vc.resize(200, 60);
            List<String> big = vc.frame();
            vc.save("resized-200x60");
            Screens.assertReadable(big, true);
            assertThat(big).anyMatch(r -> r.contains("totals") && r.contains("accepted"));
            vc.resize(80, 24);
            List<String> small = vc.frame();
            vc.save("resized-80x24");
            Screens.assertReadable(small, false);
            assertThat(small).isEqualTo(Screens.freshRender(vc, engine, 80, 24));
        }
    }

    @Test
    void monochrome_ascii_terminal_gets_plain_glyphs_and_no_colour() throws Exception {
        try (VirtualConsole vc = new VirtualConsole(
                engine, 80, 24, new Theme(false, false), "embedded · api " + session.apiUri(), true)) {
            Await.until("a snapshot", WAIT, () -> {
                vc.frame();
                return vc.model.history().size() >= 2;
            });
            List<String> rows = vc.frame();
            vc.save("ascii-mono-80x24");
            assertThat(String.join("", rows).chars()).allMatch(ch -> ch < 128);
            Screens.assertReadable(rows, false);
            for (int r = 0; r < 24; r++) {
                for (int c = 0; c < 80; c++) {
                    assertThat(vc.terminal.getCharacter(c, r).getForegroundColor())
                            .isEqualTo(TextColor.ANSI.DEFAULT);
                }
            }
        }
    }

    private static String refusal(LoadSpec spec) {
        try {
            engine.startLoad(spec);
        } catch (EngineException | IllegalArgumentException e) {
            return e.getMessage();
        }
        engine.stopLoad();
        throw new AssertionError("the console was refused, but the engine took the same load");
    }

    private static boolean loadGeneratorWired() {
        try {
            engine.startLoad(LoadSpec.closed("realistic", 1));
            return true;
        } catch (EngineException e) {
            return false;
        }
    }
}
