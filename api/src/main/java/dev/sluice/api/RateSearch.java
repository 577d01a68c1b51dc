package dev.sluice.api;

import static dev.sluice.api.Checks.check;

/**
 * How a max-rate experiment looks for the highest offered rate that meets its {@link Slo}: it
 * probes {@code startRate}, then multiplies by {@code factor} while steps pass (up to
 * {@code maxRate}), then bisects between the last rate that passed and the first that failed until
 * they are within {@code precision} of each other. Every probe is a step of its own, shaped like
 * the definition's single template step with the open-model rate replaced.
 *
 * @param startRate first offered rate, requests/s
 * @param factor    growth of the rate while steps pass, above 1
 * @param maxRate   highest rate probed, requests/s
 * @param precision relative width at which bisection stops, e.g. 0.05 (5%)
 */
public record RateSearch(double startRate, double factor, double maxRate, double precision) {
    public RateSearch {
        check(startRate >= 1, "a rate search's start rate must be at least 1 request/s, was %s", startRate);
        check(factor > 1, "a rate search's factor must be above 1, was %s", factor);
        check(maxRate >= startRate, "a rate search's max rate must be at least its start rate, was %s", maxRate);
        check(
                precision > 0 && precision < 1,
                "a rate search's precision must be between 0 and 1 (0.05 = 5%%), was %s",
                precision);
    }
}
