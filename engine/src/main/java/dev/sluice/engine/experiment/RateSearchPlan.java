package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentStep;
import dev.sluice.api.RateSearch;
import dev.sluice.api.Slo;
import java.util.Locale;

/**
 * The search people run by hand with a load tool, automated: offer a rate, multiply it while the whole step meets the SLO, then
 * bisect between the highest rate that passed and the lowest that failed until they are within
 * the search's precision. The answer is the highest rate that passed.
 *
 * <p>A rate that fails is offered once more before it counts as failed: the SLO holds only if
 * every second of the step meets it, so one slow second (a collection pause, a checkpoint) would
 * otherwise decide the search. Measured here: the first probe of a fresh engine at 1,000 req/s
 * once failed on one second of 58.6 ms in a step whose p99 was 10.4 ms; the same engine and
 * machine passed 12,000 req/s. Both tries are rows of the table.
 */
final class RateSearchPlan implements StepPlan {
    private final ExperimentStep template;
    private final RateSearch search;
    private final Slo slo;
    private double pass = Double.NaN;
    private double fail = Double.NaN;
    private double nextRate;
    /** True when {@link #nextRate} failed once and is offered again. */
    private boolean again;

    private int chosen;
    private boolean done;

    RateSearchPlan(ExperimentStep template, RateSearch search, Slo slo) {
        this.template = template;
        this.search = search;
        this.slo = slo;
        this.nextRate = Math.round(search.startRate());
    }

    @Override
    public ExperimentStep next() {
        if (done) {
            return null;
        }
        chosen++;
        String rate = String.format(Locale.ROOT, "%,d req/s", (long) nextRate);
        String label = again ? rate + " again" : rate;
        String title =
                again ? "Max rate: " + rate + " offered again (it failed once)" : "Max rate: " + rate + " offered";
        return template.withLoad(label, title, template.load().withRate(nextRate));
    }

    @Override
    public void finished(ExperimentStep step, StepFigures figures) {
        double rate = step.load().rate();
        if (!figures.sloPassed() && !again) {
            again = true; // the same rate once more before it counts
            return;
        }
        again = false;
        if (figures.sloPassed()) {
            pass = Double.isNaN(pass) ? rate : Math.max(pass, rate);
        } else {
            fail = Double.isNaN(fail) ? rate : Math.min(fail, rate);
        }
        if (Double.isNaN(fail)) {
            double up = Math.round(rate * search.factor());
            if (rate >= search.maxRate()) {
                done = true;
            } else {
                nextRate = Math.min(up, search.maxRate());
            }
        } else if (Double.isNaN(pass)) {
            done = true; // the first rate already failed: nothing below it was probed
        } else if ((fail - pass) / pass <= search.precision()) {
            done = true;
        } else {
            double mid = Math.round((pass + fail) / 2);
            if (mid <= pass || mid >= fail) {
                done = true;
            } else {
                nextRate = mid;
            }
        }
    }

    @Override
    public int known() {
        return done ? chosen : chosen + 1;
    }

    @Override
    public String summary() {
        String bar = String.format(
                Locale.ROOT,
                "p99 ≤ %s ms and errors < %s%%",
                fmt(slo.p99Micros() / 1000.0),
                fmt(slo.maxErrorRate() * 100));
        if (Double.isNaN(pass)) {
            return String.format(
                    Locale.ROOT, "no rate met %s: the first, %,d req/s, failed twice already", bar, (long) fail);
        }
        if (Double.isNaN(fail)) {
            return String.format(
                    Locale.ROOT, "max rate ≥ %,d req/s: every rate probed met %s (the search's top)", (long) pass, bar);
        }
        return String.format(
                Locale.ROOT,
                "max rate ≈ %,d req/s: the highest offered rate that met %s for a whole step (%,d req/s failed twice)",
                (long) pass,
                bar,
                (long) fail);
    }

    /** The highest rate that passed; NaN when none did. */
    double maxRate() {
        return pass;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
