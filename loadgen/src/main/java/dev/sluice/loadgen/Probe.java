package dev.sluice.loadgen;

import dev.sluice.loadgen.api.TargetProbe;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the optional {@link TargetProbe} and keeps the highest backlog seen. A probe that throws
 * reads as unknown and is logged once, so a flaky control API degrades the report, not the run.
 *
 * <p>Concurrency: read from the ticker thread; {@link #maxBacklog} from any thread.
 */
final class Probe {
    private static final Logger log = LoggerFactory.getLogger(Probe.class);

    private final Optional<TargetProbe> probe;
    private final AtomicLong max = new AtomicLong(-1);
    private final AtomicBoolean warned = new AtomicBoolean();

    Probe(Optional<TargetProbe> probe) {
        this.probe = probe;
    }

    boolean present() {
        return probe.isPresent();
    }

    /** The backlog now, or -1 when there is no probe or it cannot tell. */
    long read() {
        if (probe.isEmpty()) {
            return -1;
        }
        try {
            OptionalLong v = probe.get().backlog();
            if (v == null || v.isEmpty()) {
                return -1;
            }
            max.accumulateAndGet(v.getAsLong(), Math::max);
            return v.getAsLong();
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("loadgen - target probe failed; backlog reads n/a until it answers: {}", e.toString());
            }
            return -1;
        }
    }

    OptionalLong maxBacklog() {
        long v = max.get();
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
