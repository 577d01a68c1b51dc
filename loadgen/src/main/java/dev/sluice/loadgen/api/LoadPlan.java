package dev.sluice.loadgen.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run needs, sealed at {@link LoadGenerator#start}. Only the offered load (users or
 * rate) changes while running, through {@link LoadGenerator#setUsers}/{@link LoadGenerator#setTargetRate}.
 *
 * @param target         base URL, {@code http://host:port[/prefix]}; profiles append their paths
 * @param profile        profile name (see {@code Profiles})
 * @param model          open (rate) or closed (users)
 * @param users          virtual users at the start of a closed run (ignored by an open run)
 * @param ratePerSec     requests per second at the start of an open run (ignored by a closed run)
 * @param duration       how long load is offered; with stages, their total
 * @param stages         the load over time; empty for a constant load
 * @param requestLimit   stop after this many requests were sent (0 = no limit), like {@code hey -n}
 * @param seed           makes the event contents, batch sizes and think times repeatable
 * @param connections    keep-alive connections to the target, spread over the I/O threads
 * @param ioThreads      event-loop threads; each owns its share of connections, users and rate
 * @param connectTimeout longest a connect may take
 * @param requestTimeout longest a request may wait for its answer before it counts as a timeout
 * @param bearerToken    sent as {@code Authorization: Bearer <token>} on every request (Sluice's
 *                       {@code --ingest-token}); null for no such header. Left out of {@link #toString()}
 */
public record LoadPlan(
        URI target,
        String profile,
        LoadModel model,
        int users,
        double ratePerSec,
        Duration duration,
        List<Stage> stages,
        long requestLimit,
        long seed,
        int connections,
        int ioThreads,
        Duration connectTimeout,
        Duration requestTimeout,
        String bearerToken) {

    /** Most users or requests per second a plan may ask for. */
    public static final int MAX_USERS = 1_000_000;

    public static final double MAX_RATE = 10_000_000;

    public LoadPlan {
        Check.notNull(target, "target");
        Check.require(
                "http".equalsIgnoreCase(target.getScheme()) && target.getHost() != null,
                "target must be an http://host[:port] URL, was '%s'",
                target);
        Check.require(profile != null && !profile.isBlank(), "profile must be set, was '%s'", profile);
        Check.notNull(model, "model");
        Check.require(users >= 0 && users <= MAX_USERS, "users must be 0..%d, was %d", MAX_USERS, users);
        Check.require(
                Double.isFinite(ratePerSec) && ratePerSec >= 0 && ratePerSec <= MAX_RATE,
                "rate must be 0..%.0f requests/s, was %s",
                MAX_RATE,
                ratePerSec);
        Check.notNull(duration, "duration");
        Check.require(
                !duration.isNegative() && !duration.isZero() && duration.compareTo(Duration.ofDays(7)) <= 0,
                "duration must be more than 0 and at most 7 days, was %s",
                duration);
        stages = stages == null ? List.of() : List.copyOf(stages);
        for (Stage s : stages) {
            double max = Math.max(s.from(), s.to());
            Check.require(
                    model == LoadModel.OPEN ? max <= MAX_RATE : max <= MAX_USERS,
                    "stage load must be at most %s, was %s",
                    model == LoadModel.OPEN ? "10000000 requests/s" : MAX_USERS,
                    max);
        }
        Check.require(
                stages.isEmpty() || duration.equals(StagePlan.totalOf(stages)),
                "duration %s differs from the stages' total %s",
                duration,
                StagePlan.totalOf(stages));
        Check.require(
                !stages.isEmpty() || model != LoadModel.OPEN || ratePerSec > 0,
                "rate must be more than 0 without stages, was %s",
                ratePerSec);
        Check.require(
                !stages.isEmpty() || model != LoadModel.CLOSED || users > 0,
                "users must be more than 0 without stages, was %d",
                users);
        Check.require(requestLimit >= 0, "request limit must be >= 0, was %d", requestLimit);
        Check.require(connections >= 1 && connections <= 10_000, "connections must be 1..10000, was %d", connections);
        Check.require(ioThreads >= 1 && ioThreads <= 64, "I/O threads must be 1..64, was %d", ioThreads);
        Check.require(
                ioThreads <= connections, "I/O threads (%d) must not exceed connections (%d)", ioThreads, connections);
        Check.require(
                connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
                "connect timeout must be positive, was %s",
                connectTimeout);
        Check.require(
                requestTimeout != null && !requestTimeout.isNegative() && !requestTimeout.isZero(),
                "request timeout must be positive, was %s",
                requestTimeout);
        // a header value: printable ASCII without spaces, so no token can split or end the request head
        Check.require(
                bearerToken == null || bearerToken.matches("[\\x21-\\x7E]+"),
                "bearer token must be printable ASCII without spaces (%d characters given)",
                bearerToken == null ? 0 : bearerToken.length());
    }

    /** The plan without its bearer token's value, which must not reach logs. */
    @Override
    public String toString() {
        return "LoadPlan[target=" + target + ", profile=" + profile + ", model=" + model + ", users=" + users
                + ", ratePerSec=" + ratePerSec + ", duration=" + duration + ", stages=" + stages
                + ", requestLimit=" + requestLimit + ", seed=" + seed + ", connections=" + connections
                + ", ioThreads=" + ioThreads + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout
                + ", bearerToken=" + (bearerToken == null ? "none" : "***") + "]";
    }

    /** A builder with the defaults the CLI documents; {@code target} is the only required setting. */
    public static Builder builder(URI target) {
        return new Builder(target);
    }

    /** A builder holding this plan's values, to change a few (Lettuce {@code mutate()}). */
    public Builder toBuilder() {
        Builder b = new Builder(target)
                .profile(profile)
                .duration(duration)
                .requestLimit(requestLimit)
                .seed(seed)
                .connections(connections)
                .ioThreads(ioThreads)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .bearerToken(bearerToken);
        b.model = model;
        b.users = users;
        b.ratePerSec = ratePerSec;
        b.stages = stages;
        return b;
    }

    /** The load (users or requests/s) the plan asks for {@code elapsed} after the start. */
    public double loadAt(Duration elapsed) {
        if (stages.isEmpty()) {
            return model == LoadModel.OPEN ? ratePerSec : users;
        }
        return StagePlan.valueAt(stages, elapsed);
    }

    /** The load at the start: the first stage's start, or the constant users/rate. */
    public double initialLoad() {
        return loadAt(Duration.ZERO);
    }

    /** Fluent builder for {@link LoadPlan}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final URI target;
        private String profile = "realistic";
        private LoadModel model = LoadModel.CLOSED;
        private int users = 10;
        private double ratePerSec;
        private Duration duration = Duration.ofSeconds(30);
        private List<Stage> stages = List.of();
        private long requestLimit;
        private long seed = 1;
        private int connections = 64;
        private int ioThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private String bearerToken;

        private Builder(URI target) {
            this.target = target;
        }

        public Builder profile(String name) {
            this.profile = name;
            return this;
        }

        /** A closed run with {@code n} users (clears stages). */
        public Builder users(int n) {
            model = LoadModel.CLOSED;
            users = n;
            ratePerSec = 0;
            stages = List.of();
            return this;
        }

        /** An open run at {@code perSec} requests per second (clears stages). */
        public Builder rate(double perSec) {
            model = LoadModel.OPEN;
            ratePerSec = perSec;
            users = 0;
            stages = List.of();
            return this;
        }

        /** Load follows {@code plan}; sets the model and the duration to the plan's. */
        public Builder stages(StagePlan plan) {
            model = plan.model();
            stages = plan.stages();
            duration = plan.totalDuration();
            double first = plan.stages().get(0).from();
            users = model == LoadModel.CLOSED ? (int) Math.round(first) : 0;
            ratePerSec = model == LoadModel.OPEN ? first : 0;
            return this;
        }

        public Builder duration(Duration d) {
            this.duration = d;
            return this;
        }

        public Builder requestLimit(long n) {
            this.requestLimit = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder connections(int n) {
            this.connections = n;
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** Sends {@code Authorization: Bearer <token>} on every request; null for none. */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting and its value */
        public LoadPlan build() {
            return new LoadPlan(
                    target,
                    profile,
                    model,
                    users,
                    ratePerSec,
                    duration,
                    stages,
                    requestLimit,
                    seed,
                    connections,
                    Math.min(ioThreads, connections),
                    connectTimeout,
                    requestTimeout,
                    bearerToken);
        }
    }
}
