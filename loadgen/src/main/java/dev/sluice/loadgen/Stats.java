package dev.sluice.loadgen;

import dev.sluice.loadgen.api.Distribution;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Count, sum, min and max of whole numbers the generator records about itself.
 *
 * <p>Concurrency: lock-free; any thread records, any thread reads (a read racing a write may see
 * the count before the sum, which a report taken after the run never does).
 */
final class Stats {
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator max = new LongAccumulator(Math::max, Long.MIN_VALUE);

    void record(long value) {
        count.increment();
        sum.add(value);
        min.accumulate(value);
        max.accumulate(value);
    }

    Distribution snapshot() {
        long n = count.sum();
        return n == 0 ? Distribution.EMPTY : new Distribution(n, min.get(), max.get(), (double) sum.sum() / n);
    }
}
