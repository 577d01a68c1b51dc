package dev.sluice.tui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The last {@link #CAPACITY} samples (10 minutes at the default 1 s tick), oldest first, and the
 * bucketed views the charts draw.
 *
 * <p>Concurrency: confined to the UI thread; {@link DashboardModel} hands samples over.
 */
final class SampleHistory {
    static final int CAPACITY = 600;

    private final ArrayDeque<Sample> samples = new ArrayDeque<>(CAPACITY);

    /** Appends a sample newer than the last one; an older or repeated one (a replayed tick) is dropped. */
    void add(Sample s) {
        Sample last = samples.peekLast();
        if (last != null && s.atMillis() <= last.atMillis()) {
            return;
        }
        if (samples.size() == CAPACITY) {
            samples.removeFirst();
        }
        samples.addLast(s);
    }

    int size() {
        return samples.size();
    }

    /** Typical time between samples, from the newest ten; 1 s until there are two. */
    long tickMillis() {
        if (samples.size() < 2) {
            return 1_000;
        }
        List<Sample> tail = last(10);
        long span = tail.get(tail.size() - 1).atMillis() - tail.get(0).atMillis();
        return Math.max(1, span / (tail.size() - 1));
    }

    /** The newest {@code n} samples (fewer if there are not that many), oldest first. */
    List<Sample> last(int n) {
        int skip = Math.max(0, samples.size() - n);
        List<Sample> out = new ArrayList<>(Math.min(n, samples.size()));
        Iterator<Sample> it = samples.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Sample s = it.next();
            if (i >= skip) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Where a moment falls in {@link #columns}'s output: how many values before the newest one (0 is
     * the newest), so a mark is drawn in the column of the first sample taken at or after it, and
     * scrolls with the plot. -1 when it is older than the samples those columns cover or there are
     * none; a moment newer than the newest sample falls on the newest value.
     */
    int valuesFromNewest(long atMillis, int columns, int bucket) {
        List<Sample> tail = last(columns * bucket);
        if (tail.isEmpty() || atMillis <= tail.get(0).atMillis() - tickMillis()) {
            return -1;
        }
        int i = 0;
        while (i < tail.size() - 1 && tail.get(i).atMillis() < atMillis) {
            i++;
        }
        // buckets are cut from the newest end, as in columns()
        return (tail.size() - 1 - i) / bucket;
    }

    /**
     * One value per plotted column, newest last: the newest {@code columns * bucket} samples, each
     * run of {@code bucket} reduced to its maximum so a short spike survives compression. A bucket
     * without a readable value is {@code NaN} (a gap).
     */
    double[] columns(ToDoubleFunction<Sample> metric, int columns, int bucket) {
        List<Sample> tail = last(columns * bucket);
        int n = (tail.size() + bucket - 1) / bucket;
        double[] out = new double[n];
        // buckets are cut from the newest end, so the rightmost column is always complete
        for (int b = 0; b < n; b++) {
            int end = tail.size() - (n - 1 - b) * bucket;
            int start = Math.max(0, end - bucket);
            double max = Double.NaN;
            for (int i = start; i < end; i++) {
                double v = metric.applyAsDouble(tail.get(i));
                if (v >= 0 && (Double.isNaN(max) || v > max)) {
                    max = v;
                }
            }
            out[b] = max;
        }
        return out;
    }
}
