package dev.sluice.loadgen.api;

import java.time.Duration;
import java.util.List;

/**
 * A parsed stage plan: which model it steers and its stages in order. Built with
 * {@link #parse(String, double)}; the grammar (README "Load generator"):
 *
 * <pre>
 * plan  := stage ("," stage)*
 * stage := "hold" DUR                                  keep the current load
 *        | ("users" | "rate") NUM+ ["for"] DUR ["each"] jump to each NUM in turn, hold it DUR
 *        | [NUM "-&gt;"] NUM ("users" | "rps") "over" DUR  ramp linearly (from where the last stage ended)
 * NUM   := 250 | 1.5k | 20k          DUR := 500ms | 20s | 2m | 1h | 1m30s
 * </pre>
 *
 * For example {@code 0->1000 users over 30s, hold 60s} or {@code rate 5k 10k 20k for 20s each}.
 */
public record StagePlan(LoadModel model, List<Stage> stages) {
    public StagePlan {
        Check.notNull(model, "stage plan model");
        Check.notNull(stages, "stages");
        Check.require(!stages.isEmpty(), "a stage plan needs at least one stage");
        stages = List.copyOf(stages);
    }

    /**
     * Parses a plan. {@code initial} is the load before the first stage (where a ramp without a
     * start, or a leading {@code hold}, begins).
     *
     * @throws IllegalArgumentException with a one-line message naming the stage and the bad word
     */
    public static StagePlan parse(String text, double initial) {
        return new StageParser(text, initial).parse();
    }

    /** Sum of the stage durations: how long a run with this plan lasts. */
    public Duration totalDuration() {
        return totalOf(stages);
    }

    static Duration totalOf(List<Stage> stages) {
        Duration total = Duration.ZERO;
        for (Stage s : stages) {
            total = total.plus(s.duration());
        }
        return total;
    }

    /** The load at {@code elapsed} since the run started; the last stage's end value after the plan. */
    public static double valueAt(List<Stage> stages, Duration elapsed) {
        Duration left = elapsed;
        for (Stage s : stages) {
            if (left.compareTo(s.duration()) < 0) {
                return s.valueAt(left);
            }
            left = left.minus(s.duration());
        }
        return stages.get(stages.size() - 1).to();
    }
}
