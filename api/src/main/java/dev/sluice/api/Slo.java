package dev.sluice.api;

import static dev.sluice.api.Checks.check;

/**
 * A service-level objective a step passes or fails as a whole: every tick of its measured time
 * has a client-side p99 (corrected for coordinated omission) at most {@code p99Micros}, and the
 * step's error rate is below {@code maxErrorRate}.
 *
 * @param p99Micros    highest p99 allowed in any tick of the step, microseconds
 * @param maxErrorRate share of requests that may fail, 0..1 (exclusive), e.g. 0.001
 */
public record Slo(long p99Micros, double maxErrorRate) {
    /** p99 at most 50 ms, fewer than 0.1% errors: seed 001 aimed at p95 under 50 ms; this holds p99 to it. */
    public static final Slo DEFAULT = new Slo(50_000, 0.001);

    public Slo {
        check(p99Micros > 0, "the SLO's p99 must be positive, was %d µs", p99Micros);
        check(
                maxErrorRate > 0 && maxErrorRate <= 1,
                "the SLO's error rate must be above 0 and at most 1, was %s",
                maxErrorRate);
    }

    /** True when a step with this worst tick p99 and this error rate meets the objective. */
    public boolean passes(long worstP99Micros, double errorRate) {
        return worstP99Micros <= p99Micros && errorRate < maxErrorRate;
    }
}
