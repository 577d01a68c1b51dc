package dev.sluice.engine.experiment;

import dev.sluice.api.ExperimentStep;
import dev.sluice.api.RateSearch;
import dev.sluice.api.Slo;
import java.util.Locale;

/**
 * Seed 000's search, automated: offer a rate, multiply it while the whole step meets the SLO, then
 * bisect between the highest rate that passed and the lowest that failed until they are within
 * the search's precision. The answer is the highest rate that passed.
 */
final class RateSearchPlan implements StepPlan {
    private final ExperimentStep template;
    private final RateSearch search;
    private final Slo slo;
    private double pass = Double.NaN;
    private double fail = Double.NaN;
    private double nextRate;
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
        String label = String.format(Locale.ROOT, "%,d req/s", (long) nextRate);
        return template.withLoad(
                label, "Max rate: " + label + " offered", template.load().withRate(nextRate));
    }

    @Override
    public void finished(ExperimentStep step, StepFigures figures) {
        double rate = step.load().rate();
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
            return String.format(Locale.ROOT, "no rate met %s: the first, %,d req/s, failed already", bar, (long) fail);
        }
        if (Double.isNaN(fail)) {
            return String.format(
                    Locale.ROOT, "max rate ≥ %,d req/s: every rate probed met %s (the search's top)", (long) pass, bar);
        }
        return String.format(
                Locale.ROOT,
                "max rate ≈ %,d req/s: the highest offered rate that met %s for a whole step (%,d req/s failed)",
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
