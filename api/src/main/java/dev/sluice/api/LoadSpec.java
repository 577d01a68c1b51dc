package dev.sluice.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A load to run against the engine's own HTTP port, from inside the engine process.
 *
 * @param profile   realistic, stress, firehose, read-mix, queue or items
 * @param model     "closed" (virtual users with think time) or "open" (a target arrival rate)
 * @param users     virtual users for the closed model (ignored by the open one), 1..100,000
 * @param rate      target requests per second for the open model (ignored by the closed one)
 * @param duration  how long to run; null runs until stopped
 * @param stages    a stage plan such as {@code "0->1000 users over 30s, hold 60s"}, or null
 * @param seed      makes generated events repeatable; null picks one
 */
public record LoadSpec(
        String profile, String model, int users, double rate, Duration duration, String stages, Long seed) {
    public static final Set<String> MODELS = Set.of("open", "closed");

    public LoadSpec {
        if (profile == null || profile.isBlank()) {
            throw new IllegalArgumentException("profile must be given");
        }
        model = model == null ? "closed" : model.toLowerCase(Locale.ROOT);
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("model must be open or closed, was '" + model + "'");
        }
        if (users < 0 || users > 100_000) {
            throw new IllegalArgumentException("users must be 0..100000, was " + users);
        }
        if (rate < 0 || Double.isNaN(rate) || rate > 10_000_000) {
            throw new IllegalArgumentException("rate must be 0..10000000 requests/s, was " + rate);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    public static LoadSpec closed(String profile, int users) {
        return new LoadSpec(profile, "closed", users, 0, null, null, null);
    }

    public static LoadSpec open(String profile, double rate) {
        return new LoadSpec(profile, "open", 0, rate, null, null, null);
    }

    public LoadSpec withUsers(int n) {
        return new LoadSpec(profile, model, n, rate, duration, stages, seed);
    }

    public LoadSpec withRate(double r) {
        return new LoadSpec(profile, model, users, r, duration, stages, seed);
    }

    public LoadSpec withProfile(String p) {
        return new LoadSpec(p, model, users, rate, duration, stages, seed);
    }

    public LoadSpec withDuration(Duration d) {
        return new LoadSpec(profile, model, users, rate, d, stages, seed);
    }
}
