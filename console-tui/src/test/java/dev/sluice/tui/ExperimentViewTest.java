package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.input.KeyType;
import dev.sluice.api.EngineException;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Experiments in the console against a faked engine seam: the picker and the start and stop keys
 * reaching the seam, the engine's refusals on one line, the classroom banner and the results
 * table filling in, on the virtual terminal as a user sees them.
 */
class ExperimentViewTest {
    private final FakeEngine engine = new FakeEngine();

    private VirtualConsole console(int cols, int rows) {
        return new VirtualConsole(engine, cols, rows, new Theme(true, true), "embedded · api test", true);
    }

    @Test
    void e_lists_the_engines_experiments_and_enter_starts_the_chosen_one_at_the_chosen_pace() {
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            assertThat(vc.frame().get(22)).as("the footer names the key").contains("e experiment");
            vc.press('e');
            List<String> rows = vc.frame();
            vc.save("experiment-picker-80x24");
            assertThat(Screens.row(rows, "Start an experiment")).isNotBlank();
            assertThat(Screens.row(rows, "▶ stages")).contains("Stage 1 (insert per request) vs stage 2");
            assertThat(Screens.row(rows, "insert-vs-copy")).contains("INSERT vs COPY over batch sizes");
            assertThat(rows).anyMatch(r -> r.contains("  workers ") && r.contains("Worker count: 1, 2, 4, 10, 32"));
            assertThat(rows).as("titles whole within 80 columns").anyMatch(r -> r.contains(Stages.TITLE));
            assertThat(Screens.row(rows, "pace ")).contains("quick: the whole experiment in about 3 minutes");
            assertThat(Screens.row(rows, "What stages compares")).isNotBlank();
            assertThat(Screens.row(rows, "Up/Down choose")).contains("Tab pace", "Enter start", "Esc close");

            vc.press('+');
            vc.press(KeyType.ArrowDown);
            vc.press(KeyType.Tab);
            rows = vc.frame();
            assertThat(Screens.row(rows, "▶ insert-vs-copy")).isNotBlank();
            assertThat(Screens.row(rows, "pace ")).contains("full: the definition's times");
            assertThat(engine.knobs().workers())
                    .as("dashboard keys are inert under the picker")
                    .isEqualTo(10);

            vc.press(KeyType.Enter);
            rows = vc.frame();
            assertThat(engine.calls).containsExactly("start experiment insert-vs-copy full");
            assertThat(rows).noneMatch(r -> r.contains("Start an experiment"));
            assertThat(rows.get(23)).contains("experiment insert-vs-copy started at the full pace");

            // the picker opens again on the pace chosen last; Esc closes it and starts nothing
            vc.press('e');
            assertThat(Screens.row(vc.frame(), "pace ")).contains("full");
            vc.press(KeyType.Escape);
            assertThat(vc.frame()).noneMatch(r -> r.contains("Start an experiment"));
            assertThat(engine.calls).hasSize(1);
        }
    }

    @Test
    void the_engines_refusals_show_as_one_line_and_the_console_keeps_working() {
        engine.publish();
        engine.refuseStart = new IllegalStateException(
                "experiment 'stages' is running;\n  stop it first (DELETE /control/experiment)");
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('e');
            vc.frame();
            vc.press(KeyType.Enter);
            List<String> rows = vc.frame();
            assertThat(rows.get(23)).contains("experiment refused: experiment 'stages' is running; stop it first");
            assertThat(rows).noneMatch(r -> r.contains("Exception") || r.contains("\tat ") || r.contains(" at dev."));

            engine.refuseList = new EngineException("engine unreachable: Connection refused");
            vc.press('e');
            rows = vc.frame();
            vc.save("experiment-picker-engine-down-80x24");
            assertThat(Screens.row(rows, "the engine gave none")).contains("engine unreachable: Connection refused");
            assertThat(rows.get(23)).contains("no experiments from the engine: engine unreachable: Connection refused");
            vc.press(KeyType.Enter);
            vc.press(KeyType.Escape);
            vc.press('+');
            rows = vc.frame();
            assertThat(rows).noneMatch(r -> r.contains("Start an experiment"));
            assertThat(engine.knobs().workers()).isEqualTo(11);
            assertThat(engine.calls).containsExactly("start experiment stages quick");
        }
    }

    @Test
    void the_banner_shows_the_step_title_big_with_the_counter_phase_and_countdown_then_the_verdict() {
        List<Instant> starts = List.of(engine.nextAt(), engine.nextAt().plusSeconds(25));
        engine.experiment = Stages.running(1, Phase.MEASURE, Instant.now().plusSeconds(30), starts);
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            List<String> rows = vc.frame();
            vc.save("experiment-banner-running-80x24");
            assertThat(rows.get(2))
                    .startsWith(" STEP 2/4  STAGE 1: INSERT PER REQUEST (STRESS: BATCHES OF 200)")
                    .containsPattern("MEASURE 0:(29|30) $");
            assertThat(vc.terminal.getCharacter(0, 2).getModifiers()).contains(SGR.REVERSE);
            assertThat(vc.terminal.getCharacter(79, 2).getModifiers()).contains(SGR.REVERSE);
            assertThat(rows.get(3))
                    .contains("stages · quick pace · 1 row in the table")
                    .endsWith("x stop  b hide ");

            engine.experiment = Stages.status(State.FINISHED, Phase.NONE, null, starts, "");
            engine.publish();
            rows = vc.frame();
            assertThat(rows.get(2))
                    .startsWith(" FINISHED  STAGE 1 (INSERT PER REQUEST) VS STAGE 2 (STREAM + COPY)")
                    .endsWith("2/4 STEPS ");
            assertThat(rows.get(3)).contains("stages · quick pace · 2 rows in the table", "e start  b hide");

            engine.experiment = Stages.status(State.STOPPED, Phase.NONE, null, starts, "stopped at step 2 of 4");
            engine.publish();
            rows = vc.frame();
            vc.save("experiment-banner-stopped-80x24");
            assertThat(rows.get(2)).startsWith(" STOPPED  STAGE 1");
            assertThat(rows.get(3)).startsWith(" stopped at step 2 of 4");

            vc.press('b');
            rows = vc.frame();
            assertThat(rows).noneMatch(r -> r.contains("STEPS") || r.contains("STAGE 1"));
            assertThat(rows.get(2)).as("the experiment view moves up").startsWith(" Experiment");
            vc.press('b');
            assertThat(vc.frame().get(2)).startsWith(" STOPPED");

            // hidden, then another experiment starts: it is shown again
            vc.press('b');
            vc.frame();
            engine.experiment =
                    Stages.running(0, Phase.WARM_UP, Instant.now().plusSeconds(5), List.of(engine.nextAt()));
            engine.publish();
            assertThat(vc.frame().get(2))
                    .startsWith(" STEP 1/4  STAGE 1: INSERT PER REQUEST (REALISTIC USERS)")
                    .containsPattern("WARM-UP 0:0[45] $");
        }
    }

    @Test
    void the_results_table_fills_in_as_steps_finish_and_fits_the_width() {
        engine.publish();
        List<Instant> starts = new ArrayList<>();
        try (VirtualConsole vc = console(80, 24)) {
            vc.frame();
            starts.add(engine.nextAt());
            engine.experiment = Stages.running(0, Phase.WARM_UP, Instant.now().plusSeconds(5), starts);
            engine.publish();
            List<String> rows = vc.frame();
            assertThat(Screens.row(rows, " Experiment ")).contains("stages · quick pace · RUNNING", "w charts");
            assertThat(Screens.row(rows, "no step has finished yet")).isNotBlank();
            assertThat(Screens.row(rows, " direct-insert / realistic")).contains("warming up (not measured), 0:0");

            starts.add(engine.nextAt());
            engine.experiment = Stages.running(1, Phase.MEASURE, Instant.now().plusSeconds(20), starts);
            engine.publish();
            rows = vc.frame();
            vc.save("experiment-table-running-80x24");
            assertThat(Screens.row(rows, " step "))
                    .containsPattern("step\\s+Avg RPS\\s+events/s\\s+p50\\s+p95\\s+p99\\s+err rate\\s+errors\\s*$");
            assertThat(Screens.row(rows, "req/s")).containsPattern("req/s\\s+ms\\s+ms\\s+ms\\s+%\\s*$");
            assertThat(Screens.row(rows, " direct-insert / realistic"))
                    .containsPattern("realistic\\s+1,234\\s+12,345\\s+3\\.1\\s+7\\.9\\s+120\\s+0\\.00%\\s+0\\s*$");
            assertThat(Screens.row(rows, " direct-insert / stress")).contains("measuring, 0:");
            assertThat(Screens.row(rows, "hidden (wider terminal)"))
                    .contains("+4 hidden (wider terminal): max lag, recovery, accepted, landed");

            engine.experiment = Stages.status(State.FINISHED, Phase.NONE, null, starts, "");
            engine.publish();
            rows = vc.frame();
            assertThat(Screens.row(rows, " direct-insert / stress"))
                    .containsPattern("stress\\s+2,468\\s+24,690\\s+4\\.1\\s+8\\.9\\s+n/a\\s+0\\.00%\\s+429×3\\s*$");
            assertThat(rows).noneMatch(r -> r.contains("measuring"));

            vc.resize(200, 50);
            rows = vc.frame();
            vc.save("experiment-table-finished-200x50");
            assertThat(Screens.row(rows, " step "))
                    .containsPattern("err rate\\s+errors\\s+max lag\\s+recovery\\s+accepted\\s+landed");
            assertThat(Screens.row(rows, " direct-insert / realistic"))
                    .containsPattern("0\\.00%\\s+0\\s+1,500\\s+n/a\\s+24,000\\s+24,000");
            assertThat(rows).noneMatch(r -> r.contains("hidden (wider terminal)"));
            assertThat(rows).as("charts under the table on a tall terminal").anyMatch(r -> r.contains("Requests/s"));
        }
    }

    @Test
    void the_charts_mark_each_step_start_and_each_hand_made_change_and_the_marks_scroll_with_them() {
        try (VirtualConsole vc = console(120, 40)) {
            publish(vc, 3);
            engine.experiment = ExperimentStatus.NONE.withMarks(
                    List.of(new ExperimentStatus.Mark(engine.nextAt(), "workers 10→4")));
            publish(vc, 27);
            List<Instant> starts = new ArrayList<>(List.of(engine.nextAt()));
            engine.experiment = Stages.running(0, Phase.MEASURE, Instant.now().plusSeconds(20), starts);
            publish(vc, 15);
            starts.add(engine.nextAt());
            engine.experiment = Stages.running(1, Phase.MEASURE, Instant.now().plusSeconds(20), starts);
            publish(vc, 5);
            vc.press('w');
            List<String> rows = vc.frame();
            vc.save("experiment-marks-120x40");
            // the knob change went out in one snapshot, 47 ago: the console kept it
            String top = Screens.row(rows, "┊workers 10→4");
            assertThat(top).containsPattern("┊workers 10→4\\s*┃1\\s*┃2");
            int step1 = top.indexOf("┃1");
            int plotRow = rows.indexOf(top);
            assertThat(rows.get(plotRow + 1).charAt(step1))
                    .as("the line runs down the plot")
                    .isEqualTo('┃');
            assertThat(rows.get(plotRow + 1).charAt(top.indexOf("┊"))).isEqualTo('┊');

            publish(vc, 10);
            rows = vc.frame();
            top = Screens.row(rows, "┊workers 10→4");
            assertThat(top.indexOf("┃1"))
                    .as("ten ticks later, five columns left")
                    .isEqualTo(step1 - 5);
        }
    }

    @Test
    void a_change_just_made_is_labelled_left_of_its_line_at_the_right_edge() {
        try (VirtualConsole vc = console(120, 40)) {
            publish(vc, 20);
            engine.experiment = ExperimentStatus.NONE.withMarks(
                    List.of(new ExperimentStatus.Mark(engine.nextAt(), "batch 500→1000")));
            publish(vc, 2);
            assertThat(vc.frame()).anyMatch(r -> r.contains("batch 500→1000┊"));
        }
    }

    @Test
    void an_ascii_monochrome_terminal_gets_the_banner_table_marks_and_picker_in_plain_glyphs() {
        try (VirtualConsole vc = new VirtualConsole(engine, 80, 24, new Theme(false, false), "t", true)) {
            publish(vc, 5);
            List<Instant> starts = new ArrayList<>(List.of(engine.nextAt()));
            engine.experiment = Stages.running(0, Phase.MEASURE, Instant.now().plusSeconds(20), starts);
            publish(vc, 6);
            starts.add(engine.nextAt());
            engine.experiment = Stages.running(1, Phase.MEASURE, Instant.now().plusSeconds(20), starts)
                    .withMarks(List.of(new ExperimentStatus.Mark(engine.nextAt(), "workers 10→4")));
            publish(vc, 6);
            List<String> table = vc.frame();
            assertThat(Screens.row(table, " STEP 2/4")).contains("MEASURE 0:");
            assertThat(Screens.row(table, " direct-insert / realistic")).contains("1,234");
            vc.press('w');
            List<String> charts = vc.frame();
            vc.save("experiment-ascii-80x24");
            assertThat(String.join("\n", charts)).contains("|1", ":");
            vc.press('e');
            List<String> picker = vc.frame();
            assertThat(Screens.row(picker, "> stages")).isNotBlank();
            for (List<String> screen : List.of(table, charts, picker)) {
                assertThat(String.join("", screen).chars()).allMatch(ch -> ch < 128);
            }
        }
    }

    @Test
    void x_asks_before_stopping_the_experiment_and_q_asks_before_quitting_while_one_runs() {
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('x');
            assertThat(vc.frame().get(23)).contains("no experiment is running (e starts one)");
            engine.experiment =
                    Stages.running(0, Phase.WARM_UP, Instant.now().plusSeconds(5), List.of(engine.nextAt()));
            engine.publish();
            vc.frame();
            vc.press('x');
            List<String> rows = vc.frame();
            vc.save("experiment-stop-prompt-80x24");
            assertThat(Screens.row(rows, "Stop stages?")).contains("The rows of its finished steps stay.");
            assertThat(rows).anyMatch(r -> r.matches(".*│ y\\s+stop it\\s+│.*"));
            vc.press('n');
            assertThat(vc.frame()).noneMatch(r -> r.contains("Stop stages?"));
            assertThat(engine.calls).isEmpty();
            vc.press('x');
            vc.press('y');
            assertThat(vc.frame().get(23)).contains("experiment stopped; the rows of its finished steps stay");
            assertThat(engine.calls).containsExactly("stop experiment");

            vc.press('q');
            assertThat(vc.frame())
                    .anyMatch(r -> r.contains("An experiment is running. Stop it, drain the engine and quit?"));
            vc.press('y');
            assertThat(vc.console.finished()).isTrue();
            assertThat(vc.console.stopExperimentOnExit()).isTrue();
        }
    }

    @Test
    void help_lists_the_experiment_and_picker_keys_within_80x24() {
        engine.publish();
        try (VirtualConsole vc = console(80, 24)) {
            vc.press('?');
            List<String> rows = vc.frame();
            vc.save("help-with-experiments-80x24");
            for (KeyMap.Binding b : vc.console.keys().bindings()) {
                assertThat(rows)
                        .as("help lists %s", b)
                        .anyMatch(r -> r.matches(
                                ".*" + java.util.regex.Pattern.quote(b.key().label()) + "\\s+"
                                        + java.util.regex.Pattern.quote(b.description()) + ".*"));
            }
        }
    }

    /** Publishes {@code n} snapshots, painting after each as the console's timer would. */
    private void publish(VirtualConsole vc, int n) {
        for (int i = 0; i < n; i++) {
            engine.publish();
            vc.frame();
        }
    }
}
