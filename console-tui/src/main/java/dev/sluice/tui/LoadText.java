package dev.sluice.tui;

import dev.sluice.api.LoadSpec;

/** Load specs as the console says and steps them: {@code realistic, closed, 10 users}. */
final class LoadText {
    private LoadText() {}

    static boolean open(LoadSpec spec) {
        return "open".equals(spec.model());
    }

    /** {@code 10 users} for the closed model, {@code 1k req/s} for the open one. */
    static String intensity(LoadSpec spec) {
        return open(spec) ? Fmt.qty(spec.rate()) + " req/s" : spec.users() + (spec.users() == 1 ? " user" : " users");
    }

    /** The bare figure for the load panel's users/rate row: {@code 10} or {@code 1k req/s}. */
    static String figure(LoadSpec spec) {
        return open(spec) ? Fmt.qty(spec.rate()) + " req/s" : String.valueOf(spec.users());
    }

    static String summary(LoadSpec spec) {
        return spec.profile() + ", " + spec.model() + ", " + intensity(spec);
    }

    /**
     * The next step of users (closed) or rate (open). Past the top the spec's own validation
     * refuses; below the bottom step this refuses, since zero users or zero rate runs nothing.
     *
     * @throws IllegalArgumentException with the reason
     */
    static LoadSpec step(LoadSpec spec, boolean up) {
        if (open(spec)) {
            long rate = Math.round(spec.rate());
            long next = up ? Ladder.up(Ladder.RATE, rate) : Ladder.down(Ladder.RATE, rate);
            if (next <= 0) {
                throw new IllegalArgumentException("rate is already at its lowest step, " + Ladder.RATE[0] + " req/s");
            }
            return spec.withRate(next);
        }
        long next = up ? Ladder.up(Ladder.USERS, spec.users()) : Ladder.down(Ladder.USERS, spec.users());
        if (next <= 0) {
            throw new IllegalArgumentException("users are already at the lowest step, " + Ladder.USERS[0]);
        }
        return spec.withUsers((int) Math.min(Integer.MAX_VALUE, next));
    }

    static String describeStep(LoadSpec before, LoadSpec after) {
        return open(after)
                ? "load rate " + Fmt.qty(before.rate()) + " → " + Fmt.qty(after.rate()) + " req/s"
                : "load users " + before.users() + " → " + after.users();
    }
}
