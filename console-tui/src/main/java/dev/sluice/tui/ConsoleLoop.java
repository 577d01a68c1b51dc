package dev.sluice.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link Console} on a real terminal: a {@code tui-input} thread blocks reading keys, the
 * calling thread (the UI thread) waits for a key, a wake-up or its refresh timer, and paints.
 * Idle, both threads sleep in the kernel, so the console costs one frame per refresh.
 *
 * <p>Concurrency: {@link #wake} and {@link #requestStop} may be called from any thread (actions,
 * resize signal, shutdown hook); they only post to the event queue.
 */
final class ConsoleLoop {
    private static final Object WAKE = new Object();

    private final Console console;
    private final TerminalScreen screen;
    private final long refreshNanos;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private volatile boolean stopRequested;

    ConsoleLoop(Console console, TerminalScreen screen, Duration refresh) {
        this.console = console;
        this.screen = screen;
        this.refreshNanos = refresh.toNanos();
    }

    /** Makes the UI paint now (an action finished, the terminal was resized). */
    void wake() {
        events.offer(WAKE);
    }

    /** Ends {@link #run} soon, as if the user quit (shutdown hook, end of input). */
    void requestStop() {
        stopRequested = true;
        wake();
    }

    /**
     * Runs until the user quits or {@link #requestStop}; throws what broke the terminal.
     *
     * @throws IOException when the terminal cannot be read or written
     */
    void run() throws IOException {
        Thread input = new Thread(this::readKeys, "tui-input");
        input.setDaemon(true);
        input.start();
        screen.getTerminal().addResizeListener((terminal, size) -> wake());
        console.tick();
        console.render();
        long nextTick = System.nanoTime() + refreshNanos;
        while (!console.finished() && !stopRequested) {
            Object event;
            try {
                event = events.poll(Math.max(0, nextTick - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // a burst of keys (a held key, a paste) is handled in one go and painted once
            for (Object e = event; e != null; e = events.poll()) {
                handle(e);
            }
            if (System.nanoTime() - nextTick >= 0) {
                console.tick();
                nextTick = System.nanoTime() + refreshNanos;
            }
            if (!console.finished()) {
                console.render();
            }
        }
    }

    private void handle(Object event) throws IOException {
        if (event instanceof KeyStroke key) {
            console.onKey(key);
        } else if (event instanceof IOException e) {
            throw e;
        } else if (event instanceof RuntimeException e) {
            throw new IOException("reading keys failed: " + e, e);
        }
    }

    private void readKeys() {
        try {
            while (!stopRequested) {
                KeyStroke key = screen.readInput();
                if (key == null) {
                    continue;
                }
                if (key.getKeyType() == KeyType.EOF) {
                    // the terminal went away (closed window, dropped SSH): quit the way q does
                    requestStop();
                    return;
                }
                events.offer(key);
            }
        } catch (IOException | RuntimeException e) {
            events.offer(e);
        }
    }
}
