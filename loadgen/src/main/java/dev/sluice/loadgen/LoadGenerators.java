package dev.sluice.loadgen;

import dev.sluice.loadgen.api.LoadGenerator;
import dev.sluice.loadgen.api.TargetProbe;
import java.time.Duration;
import java.util.Optional;

/** Builds load generators. The only way to get one; the implementation stays package-private. */
public final class LoadGenerators {
    /** How long a run with a {@link TargetProbe} waits, after load stops, for the backlog to reach 0. */
    public static final Duration DEFAULT_MAX_RECOVERY_WAIT = Duration.ofMinutes(5);

    private LoadGenerators() {}

    /** A new, not yet started generator with the built-in profiles and no target probe. */
    public static LoadGenerator create() {
        return create(Profiles.builtin(), Optional.empty(), DEFAULT_MAX_RECOVERY_WAIT);
    }

    /**
     * A new, not yet started generator.
     *
     * @param profiles        the profiles its plans may name
     * @param probe           reads the target's backlog (e.g. a Sluice engine's stream backlog) for
     *                        the lag chart, max lag and recovery time; empty for any other target
     * @param maxRecoveryWait longest wait after load stops for the backlog to reach 0
     */
    public static LoadGenerator create(Profiles profiles, Optional<TargetProbe> probe, Duration maxRecoveryWait) {
        if (profiles == null || probe == null || maxRecoveryWait == null || maxRecoveryWait.isNegative()) {
            throw new IllegalArgumentException(
                    "profiles, probe (may be empty) and a non-negative maxRecoveryWait must be set");
        }
        return new DefaultLoadGenerator(profiles, probe, maxRecoveryWait);
    }
}
