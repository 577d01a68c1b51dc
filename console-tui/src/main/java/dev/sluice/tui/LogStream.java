package dev.sluice.tui;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for {@code System.out} and {@code System.err} while the screen is up, so a stray
 * print from any library becomes a log line instead of garbage on the screen.
 *
 * <p>Concurrency: {@code write} is synchronized; any thread may print.
 */
final class LogStream extends OutputStream {
    private static final int MAX_LINE = 8_192;

    private final Logger log;
    private final boolean error;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** @param name {@code stdout} or {@code stderr}; stderr lines are logged at WARN */
    LogStream(String name) {
        this.log = LoggerFactory.getLogger("console-tui." + name);
        this.error = name.equals("stderr");
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n' || line.size() >= MAX_LINE) {
            flushLine();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (error) {
            log.warn("{}", text);
        } else {
            log.info("{}", text);
        }
    }
}
