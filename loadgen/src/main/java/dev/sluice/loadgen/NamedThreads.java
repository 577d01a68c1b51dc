package dev.sluice.loadgen;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named by role ({@code loadgen-io-0}, {@code loadgen-ticker}); daemon so a
 * generator that was never closed cannot keep a JVM alive.
 */
final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger next = new AtomicInteger();

    NamedThreads(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, numbered ? prefix + "-" + next.getAndIncrement() : prefix);
        t.setDaemon(true);
        return t;
    }
}
