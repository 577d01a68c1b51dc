package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.sluice.api.EngineSession;
import dev.sluice.api.EngineSessions;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.engine.LocalStack;
import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.testing.Await;
import dev.sluice.testing.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An experiment started from the console's keys on a real engine, the console attached over the
 * control API as {@code --attach} does: the built-in {@code stages} at the test pace (seconds per
 * step), its banner while it runs, its table with a row per step once it finished, the step marks
 * on the charts; then a second run refused while one runs, and stopped with {@code x}.
 */
class ExperimentIT {
    /** Only keeps a broken test from hanging: four steps at the test pace take seconds. */
    private static final Duration RUN = Duration.ofSeconds(150);

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern BANNER_STEP = Pattern.compile("^ STEP [1-4]/4  STAGE [12]: ");

    @Test
    void stages_started_from_the_keys_shows_its_banner_then_a_row_per_step_and_can_be_stopped() throws Exception {
        List<String> args = new ArrayList<>(TestStores.engineFlags(TestStores.freshDatabase("tui_experiment")));
        args.addAll(List.of("--port", "0", "--tick", "250ms"));
        try (LocalStack stack = LocalStack.start(EngineOptions.parse(args.toArray(String[]::new), Map.of()));
                EngineSession attached = EngineSessions.attach(stack.engine().apiUri(), null);
                VirtualConsole vc = new VirtualConsole(
                        attached.control(),
                        80,
                        24,
                        new Theme(true, true),
                        stack.engine().apiUri().toString(),
                        false)) {
            Await.until("the engine on screen", WAIT, () -> vc.frame().get(0).contains("RUNNING"));

            vc.press('e');
            Await.until(
                    () -> "the picker with stages in\n" + vc.text(),
                    WAIT,
                    () -> vc.frame().stream()
                            .anyMatch(r -> r.contains("▶ stages") && r.contains("Stage 1 (insert per request)")));
            vc.press(KeyType.Tab);
            vc.press(KeyType.Tab);
            assertThat(Screens.row(vc.frame(), "pace ")).contains("test: seconds per step");
            vc.press(KeyType.Enter);

            Await.until(
                    () -> "the banner of a running step in\n" + vc.text(),
                    WAIT,
                    () -> BANNER_STEP.matcher(vc.frame().get(2)).find());
            vc.save("experiment-engine-running-80x24");
            assertThat(vc.rows().get(3)).contains("stages · test pace");

            Await.until(
                    () -> "stages to finish; the screen\n" + vc.text(),
                    RUN,
                    () -> vc.frame()
                            .get(2)
                            .startsWith(" FINISHED  STAGE 1 (INSERT PER REQUEST) VS STAGE 2 (STREAM + COPY)"));
            List<String> rows = vc.frame();
            vc.save("experiment-engine-finished-80x24");
            assertThat(rows.get(2)).endsWith("4/4 STEPS ");
            assertThat(Screens.row(rows, " Experiment ")).contains("stages · test pace · FINISHED");
            assertThat(Screens.row(rows, " step ")).containsPattern("step\\s+Avg RPS\\s+events/s\\s+p50");
            for (String label : Stages.LABELS) {
                assertThat(Screens.row(rows, " " + label + " "))
                        .as("the row of %s", label)
                        .containsPattern(Pattern.quote(label) + "(\\s+([\\d.,]+|n/a)){3}\\s");
            }

            // the charts mark the step starts with heavy lines; wide, so a slow drain cannot scroll them out
            vc.press('w');
            vc.frame();
            vc.save("experiment-engine-charts-80x24");
            vc.resize(200, 50);
            assertThat(String.join("\n", vc.frame())).containsPattern("┃[1-4]");
            // a hand-made change: the engine marks it in one snapshot, the console keeps the thin line
            // and its label (cut while it sits at the right edge beside step 4's, whole once it scrolled)
            Pattern knob = Pattern.compile("┊workers 10→11|workers 10→11┊");
            vc.press('+');
            Await.until(
                    () -> "the knob change marked on the charts in\n" + vc.text(),
                    WAIT,
                    () -> knob.matcher(String.join("\n", vc.frame())).find());
            int samples = vc.model.history().size();
            Await.until("eight more ticks", WAIT, () -> {
                vc.frame();
                return vc.model.history().size() >= samples + 8;
            });
            assertThat(String.join("\n", vc.frame())).containsPattern(knob.pattern());
            vc.save("experiment-engine-charts-200x50");
            vc.resize(80, 24);

            // a second run, refused while it runs, then stopped: the stop reaches the engine
            vc.press('e');
            Await.until("the picker again", WAIT, () -> vc.frame().stream().anyMatch(r -> r.contains("▶ stages")));
            vc.press(KeyType.Enter);
            Await.until(
                    () -> "the second run on the banner in\n" + vc.text(),
                    WAIT,
                    () -> BANNER_STEP.matcher(vc.frame().get(2)).find());
            vc.press('e');
            Await.until("the picker again", WAIT, () -> vc.frame().stream().anyMatch(r -> r.contains("▶ stages")));
            vc.press(KeyType.Enter);
            Await.until(
                    () -> "the refusal on the event line in\n" + vc.text(),
                    WAIT,
                    () -> vc.frame().get(23).contains("experiment refused: experiment 'stages' is running"));
            vc.press('x');
            assertThat(vc.frame()).anyMatch(r -> r.contains("Stop stages?"));
            vc.press('y');
            Await.until(
                    () -> "the stopped run on the banner in\n" + vc.text(),
                    RUN,
                    () -> vc.frame().get(2).startsWith(" STOPPED  STAGE 1"));
            assertThat(stack.engine().snapshot().experiment().state()).isEqualTo(ExperimentStatus.State.STOPPED);
            vc.save("experiment-engine-stopped-80x24");
        }
    }
}
