package dev.sluice.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real terminal while the console owns it: raw mode and the alternate screen, Ctrl-C read
 * as a key (so quitting drains instead of killing), and {@code System.out}/{@code System.err}
 * sent to the log. {@link #close} puts all of that back; it is safe from a shutdown hook and
 * after a crash, and idempotent.
 *
 * <p>Concurrency: opened and used on the UI thread; {@link #close} may come from the shutdown
 * hook at the same time, which the {@code closed} flag settles.
 */
final class TerminalHandle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TerminalHandle.class);

    private final UnixTerminal terminal;
    private final TerminalScreen screen;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TerminalHandle(UnixTerminal terminal, TerminalScreen screen, PrintStream out, PrintStream err) {
        this.terminal = terminal;
        this.screen = screen;
        this.out = out;
        this.err = err;
    }

    /** Takes over the terminal on stdin/stdout; the streams are captured before they are redirected. */
    static TerminalHandle open(Theme theme) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        UnixTerminal terminal = new UnixTerminal(
                System.in,
                out,
                theme.unicode() ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII,
                CtrlCBehaviour.TRAP);
        TerminalScreen screen = new TerminalScreen(terminal);
        try {
            screen.startScreen();
            screen.setCursorPosition(null);
        } catch (IOException | RuntimeException e) {
            terminal.close();
            throw e;
        }
        System.setOut(new PrintStream(new LogStream("stdout"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new LogStream("stderr"), true, StandardCharsets.UTF_8));
        return new TerminalHandle(terminal, screen, out, err);
    }

    TerminalScreen screen() {
        return screen;
    }

    /** Leaves the alternate screen, restores the terminal's settings and the standard streams. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            screen.stopScreen(false);
        } catch (IOException | RuntimeException e) {
            // on SIGTERM Lanterna's own hook may have left the alternate screen already
            log.debug("tui - leaving the screen: {}", e.toString());
        }
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // during JVM shutdown Lanterna cannot unregister its own hook; the settings are restored by then
            log.debug("tui - closing the terminal: {}", e.toString());
        }
        System.setOut(out);
        System.setErr(err);
    }
}
