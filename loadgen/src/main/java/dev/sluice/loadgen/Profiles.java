package dev.sluice.loadgen;

import dev.sluice.loadgen.api.Profile;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable set of profiles by name: the built-in ones plus any added with {@link #with}. */
public final class Profiles {
    private final Map<String, Profile> byName;

    private Profiles(Map<String, Profile> byName) {
        this.byName = byName;
    }

    /** realistic, stress, firehose, read-mix (the log), queue and items (seeds 003 and 004). */
    public static Profiles builtin() {
        Map<String, Profile> m = new LinkedHashMap<>();
        add(
                m,
                new LogProfile(
                        "realistic",
                        "batches of 5-15 log events, users think 1-3 s (default 1000 users)",
                        1000,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(3),
                        5,
                        15,
                        0));
        add(
                m,
                new LogProfile(
                        "stress",
                        "batches of 200 log events, no think time (default 64 users)",
                        64,
                        Duration.ZERO,
                        Duration.ZERO,
                        200,
                        200,
                        0));
        add(
                m,
                new LogProfile(
                        "firehose",
                        "single log events, no think time (default 64 users)",
                        64,
                        Duration.ZERO,
                        Duration.ZERO,
                        1,
                        1,
                        0));
        add(
                m,
                new LogProfile(
                        "read-mix",
                        "90% writes of 1-10 events, 10% GET /messages?n=20, no think (default 64 users)",
                        64,
                        Duration.ZERO,
                        Duration.ZERO,
                        1,
                        10,
                        10));
        add(m, WorkloadProfile.queue());
        add(m, WorkloadProfile.items());
        return new Profiles(m);
    }

    private static void add(Map<String, Profile> m, Profile p) {
        m.put(p.name(), p);
    }

    /** These profiles plus {@code profile} (replacing one of the same name). */
    public Profiles with(Profile profile) {
        Map<String, Profile> m = new LinkedHashMap<>(byName);
        add(m, profile);
        return new Profiles(m);
    }

    /**
     * The profile called {@code name}.
     *
     * @throws IllegalArgumentException naming the unknown profile and the known ones
     */
    public Profile named(String name) {
        Profile p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown profile '" + name + "' (profiles: " + String.join(", ", byName.keySet()) + ")");
        }
        return p;
    }

    /** All profiles, in the order they were added. */
    public Collection<Profile> all() {
        return java.util.Collections.unmodifiableCollection(byName.values());
    }
}
