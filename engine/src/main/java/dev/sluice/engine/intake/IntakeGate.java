package dev.sluice.engine.intake;

import dev.sluice.api.IntakeState;
import dev.sluice.api.Knobs;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Decides whether {@code POST /write} may put more events into the stream: high and low water
 * marks on the backlog, with hysteresis, and a Redis memory ceiling.
 *
 * <p>The backlog, in events, is known without a Redis call per request: {@link BacklogGauge}
 * reports it every ~100 ms; in between, the gate adds what it admitted since. A sample is taken as
 * {@code mark = admitted; p = pending; L = backlog} in that order, and the estimate is
 * {@code L + p + (admitted - mark)}. An admitted event is either counted in {@code pending}
 * until its append settles (a settled success was in Redis before the backlog was read) or admitted after
 * the mark, so the estimate never undercounts this engine's own events, and admission is one
 * atomic add compared with the high mark. <b>Bound:</b> the stream never holds more than
 * {@code highWater} events because of this engine; other writers on the same stream (another
 * node) add at most what they admit in one sample period. Failed appends and draining workers
 * make the estimate high, never low, until the next sample corrects it.
 *
 * <p>Memory: throttles at {@link #MEMORY_HIGH_SHARE} of Redis {@code maxmemory}, whatever the
 * entry count (large events), and resumes below {@link #MEMORY_LOW_SHARE}.
 *
 * <p>Concurrency: {@link #tryAdmit} and {@link #settled} on request threads and Lettuce I/O
 * threads (atomics only, no lock, no allocation when admitted); {@link #sampleMark},
 * {@link #onSample} on the single {@code backlog-gauge} thread. The sample and the states are
 * volatile fields written only by the gauge thread, except the switch to throttling.
 */
public final class IntakeGate {
    static final double MEMORY_HIGH_SHARE = 0.90;
    static final double MEMORY_LOW_SHARE = 0.80;
    static final int MAX_RETRY_AFTER_SECONDS = 30;
    /** Retry-After when nothing drains (workers paused, PostgreSQL away): no rate to estimate from. */
    static final int STALLED_RETRY_AFTER_SECONDS = 5;

    private final Supplier<Knobs> knobs;
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private volatile Sample sample = new Sample(0, 0);
    private volatile boolean backlogHigh;
    private volatile boolean memoryHigh;
    private volatile long usedBytes = -1;
    private volatile long maxBytes = -1;
    private volatile double drainPerSec;
    private long lastEvents = -1;
    private long lastAdmitted;
    private long lastNanos;

    public IntakeGate(Supplier<Knobs> knobs) {
        this.knobs = knobs;
    }

    /** Why a request was refused, and when to come back. */
    public record Refusal(int retryAfterSeconds, String detail) {}

    /**
     * Admits {@code n} events (returns null) or refuses them. An admitted request must call
     * {@link #settled} once its append completed, whatever the outcome. Never blocks.
     */
    public Refusal tryAdmit(int n) {
        if (memoryHigh) {
            return new Refusal(
                    STALLED_RETRY_AFTER_SECONDS,
                    "Redis memory is nearly full (" + usedBytes + " of " + maxBytes + " bytes); retry later");
        }
        Knobs k = knobs.get();
        if (backlogHigh) {
            return refusal(k, estimate(admitted.get()));
        }
        pending.addAndGet(n); // before admitted: a sample that sees the admission also sees it pending
        long estimate = estimate(admitted.addAndGet(n));
        if (estimate > k.highWater()) {
            admitted.addAndGet(-n);
            pending.addAndGet(-n);
            backlogHigh = true;
            return refusal(k, estimate - n);
        }
        return null;
    }

    /** The append of {@code n} admitted events completed (in Redis, or failed). */
    public void settled(int n) {
        pending.addAndGet(-n);
    }

    /** Gauge thread, right before it reads the backlog: fixes what the coming reading must be added to. */
    long sampleMark() {
        return admitted.get();
    }

    /** The number admitted but not settled; read by the gauge thread after {@link #sampleMark}. */
    long pending() {
        return pending.get();
    }

    /**
     * Gauge thread: the backlog in events (read after {@code mark} and {@code pendingAtMark}) and Redis memory
     * ({@code used}/{@code max} bytes, -1 unknown, max 0 = no limit).
     */
    void onSample(long mark, long pendingAtMark, long backlog, long used, long max, long nowNanos) {
        long events = backlog + pendingAtMark;
        sample = new Sample(events, mark);
        updateDrainRate(events, mark, nowNanos);
        Knobs k = knobs.get();
        if (events >= k.highWater()) {
            backlogHigh = true;
        } else if (backlogHigh && events < k.lowWater()) {
            backlogHigh = false;
        }
        usedBytes = used;
        maxBytes = max;
        if (used >= 0 && max > 0) {
            if (used >= MEMORY_HIGH_SHARE * max) {
                memoryHigh = true;
            } else if (used < MEMORY_LOW_SHARE * max) {
                memoryHigh = false;
            }
        } else {
            memoryHigh = false;
        }
    }

    private void updateDrainRate(long events, long mark, long nowNanos) {
        if (lastEvents >= 0 && nowNanos > lastNanos) {
            // what left the stream = what was there + what came in - what is there now
            long drained = Math.max(0, lastEvents + (mark - lastAdmitted) - events);
            double rate = drained / ((nowNanos - lastNanos) / 1e9);
            drainPerSec = 0.8 * drainPerSec + 0.2 * rate; // about a second of memory at 100 ms samples
        }
        lastEvents = events;
        lastAdmitted = mark;
        lastNanos = nowNanos;
    }

    private long estimate(long admittedNow) {
        Sample s = sample;
        return s.events + (admittedNow - s.mark);
    }

    private Refusal refusal(Knobs k, long estimate) {
        return new Refusal(
                retryAfterSeconds(estimate, k.lowWater()),
                "the stream backlog reached the high water mark (" + k.highWater() + " events); writes resume below "
                        + k.lowWater() + "; retry later");
    }

    /** Time for the backlog to fall below the low mark at the recent drain rate, 1..30 s. */
    int retryAfterSeconds(long estimate, long lowWater) {
        double rate = drainPerSec;
        if (rate < 1) {
            return STALLED_RETRY_AFTER_SECONDS;
        }
        double secs = Math.max(0, estimate - lowWater) / rate;
        return (int) Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, Math.ceil(secs)));
    }

    /** Accepting or throttling now. */
    public IntakeState state() {
        return backlogHigh || memoryHigh ? IntakeState.THROTTLING : IntakeState.ACCEPTING;
    }

    /** Redis {@code used_memory} at the last sample, bytes; -1 unknown. */
    public long redisUsedBytes() {
        return usedBytes;
    }

    /** Redis {@code maxmemory} at the last sample, bytes; 0 no limit, -1 unknown. */
    public long redisMaxBytes() {
        return maxBytes;
    }

    private record Sample(long events, long mark) {}
}
