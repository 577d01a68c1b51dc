package dev.sluice.loadgen.api;

import java.time.Duration;

/**
 * A workload: what requests look like and how users pace them. Profiles are pluggable: pass
 * extra ones to {@code Profiles.builtin().with(profile)}.
 */
public interface Profile {
    /** The name used on the command line ({@code --profile NAME}). */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** Users of a closed run when the command line gives neither users nor a rate. */
    int defaultUsers();

    /** Shortest think time of a closed-model user after each answer; zero for none. */
    Duration thinkMin();

    /** Longest think time; each pause is uniform in {@code [thinkMin, thinkMax]}. */
    Duration thinkMax();

    /**
     * A new, independent request stream for one user or I/O thread. Called at start and when users
     * are added, on any thread; the source itself is then used by one thread only.
     */
    RequestSource newSource(long seed);
}
