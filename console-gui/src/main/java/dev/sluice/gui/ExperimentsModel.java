package dev.sluice.gui;

import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.Slo;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The Experiments tab's view-model: the engine's experiments and the form (which one, pace, the
 * SLO a rate search is judged by), whether Start and Stop apply, the last refusal, and the event
 * log lines an experiment's progress makes (started, each step, how it ended). No JavaFX types.
 *
 * <p>Concurrency: confined to the UI thread.
 */
final class ExperimentsModel {
    /** The paces the form offers; {@code test} (seconds per step, figures mean little) only through {@code --pace}. */
    static final List<ExperimentPace> PACES = List.of(ExperimentPace.QUICK, ExperimentPace.FULL);

    private final EventLog log;
    private List<ExperimentDefinition> definitions = List.of();
    private boolean listed;
    private String chosen;
    private ExperimentPace pace = ExperimentPace.QUICK;
    private String sloP99Millis = "";
    private String sloErrorsPercent = "";
    private final RequestsInFlight requests;
    private ExperimentStatus previous;

    ExperimentsModel(EventLog log) {
        this.log = log;
        this.requests = new RequestsInFlight(log);
    }

    /** The engine listed its experiments; the chosen one stays chosen if it is still there. */
    void listed(List<ExperimentDefinition> defs) {
        definitions = List.copyOf(defs);
        listed = true;
        if (chosen().isEmpty()) {
            chosen = definitions.isEmpty() ? null : definitions.get(0).name();
        }
    }

    boolean isListed() {
        return listed;
    }

    List<ExperimentDefinition> definitions() {
        return definitions;
    }

    Optional<ExperimentDefinition> chosen() {
        return definitions.stream().filter(d -> d.name().equals(chosen)).findFirst();
    }

    void choose(String name) {
        chosen = name;
    }

    ExperimentPace pace() {
        return pace;
    }

    void setPace(ExperimentPace p) {
        pace = Objects.requireNonNull(p);
    }

    /** The SLO as typed: p99 in milliseconds and the error rate in percent; blank for the default. */
    void setSlo(String p99Millis, String errorsPercent) {
        sloP99Millis = p99Millis == null ? "" : p99Millis;
        sloErrorsPercent = errorsPercent == null ? "" : errorsPercent;
    }

    /** True when the chosen experiment searches a rate: only then does the SLO matter. */
    boolean searches() {
        return chosen().map(d -> d.search() != null).orElse(false);
    }

    /** How the choice reads: {@code stages — Stage 1 vs stage 2 ...}. */
    static String label(ExperimentDefinition d) {
        return d.title().equals(d.name()) ? d.name() : d.name() + " — " + d.title();
    }

    /** The form as a request; throws IllegalArgumentException naming a bad value. */
    ExperimentRequest request() {
        ExperimentDefinition d = chosen().orElseThrow(() -> new IllegalArgumentException(
                listed ? "choose an experiment" : "the engine has not listed its experiments yet"));
        ExperimentRequest r = ExperimentRequest.builtIn(d.name(), pace);
        return searches() ? r.withSlo(slo(sloP99Millis, sloErrorsPercent)) : r;
    }

    /** {@code 50} ms and {@code 0.1} % as an {@link Slo}; a blank field keeps the default's figure. */
    static Slo slo(String p99Millis, String errorsPercent) {
        long p99 = blank(p99Millis)
                ? Slo.DEFAULT.p99Micros()
                : Math.round(
                        number(p99Millis, "ms", "the SLO's p99 must be a number of milliseconds such as 50") * 1000);
        double errors = blank(errorsPercent)
                ? Slo.DEFAULT.maxErrorRate()
                : number(errorsPercent, "%", "the SLO's error rate must be a percentage such as 0.1") / 100;
        return new Slo(p99, errors);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static double number(String text, String unit, String expected) {
        String t = text.trim();
        if (t.endsWith(unit)) {
            t = t.substring(0, t.length() - unit.length()).trim();
        }
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with what was typed
        }
        throw new IllegalArgumentException(expected + ", was '" + text.trim() + "'");
    }

    /** A request is on its way. */
    void requested() {
        requests.requested();
    }

    /** The engine took it. */
    void done() {
        requests.done();
    }

    /** The engine (or the form) refused; the reason shows beside the buttons and in the log. */
    void refused(String what, String reason) {
        requests.refused(what, reason);
    }

    String refusal() {
        return requests.refusal();
    }

    /** Start applies when the engine listed something to start, none runs and no request is on its way. */
    boolean canStart(ExperimentStatus now) {
        return !definitions.isEmpty() && !requests.busy() && (now == null || !now.running());
    }

    /** Stop applies whenever one runs (whoever started it). */
    boolean canStop(ExperimentStatus now) {
        return now != null && now.running();
    }

    /** Logs what changed since the last status: a run starting, each step, its end. */
    void observe(ExperimentStatus s) {
        ExperimentStatus before = previous;
        previous = s;
        if (s == null) {
            return;
        }
        boolean sameRun =
                before != null && before.name().equals(s.name()) && Objects.equals(before.startedAt(), s.startedAt());
        if (s.running() && !sameRun) {
            log.info("experiment " + s.name() + (before == null ? " running" : " started")
                    + (s.pace() == null ? "" : " (" + s.pace().label() + " pace)") + ": " + s.title());
        }
        if (s.running() && s.stepIndex() >= 0 && (!sameRun || before.stepIndex() != s.stepIndex())) {
            log.info("experiment " + s.name() + " step " + (s.stepIndex() + 1) + " of " + s.stepCount() + ": "
                    + s.stepLabel());
        }
        if (s.state().ended() && sameRun && before.running()) {
            String line = "experiment " + s.name() + " " + s.state().name().toLowerCase(Locale.ROOT) + " with "
                    + s.rows().size() + (s.rows().size() == 1 ? " row" : " rows")
                    + (s.summary().isEmpty() ? "" : ": " + s.summary());
            if (s.state() == ExperimentStatus.State.FAILED) {
                log.error(line);
            } else {
                log.info(line);
            }
        }
    }
}
