package dev.sluice.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Console} on Lanterna's in-memory terminal, driven from the test thread as the UI
 * thread: press keys, paint a frame, read the screen as text.
 */
final class VirtualConsole implements AutoCloseable {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;
    final DashboardModel model;
    final EngineActions actions;
    final Console console;
    final String target;

    VirtualConsole(EngineControl control, int cols, int rows, Theme theme, String target, boolean embedded) {
        try {
            terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.target = target;
        model = new DashboardModel(Clock.systemDefaultZone());
        actions = new EngineActions(control, model);
        console = new Console(screen, control, model, actions, theme, target, embedded);
        actions.follow();
        actions.awaitIdle(Duration.ofSeconds(10));
    }

    static VirtualConsole embedded(EngineSession session, int cols, int rows) {
        return new VirtualConsole(
                session.control(), cols, rows, new Theme(true, true), "embedded · api " + session.apiUri(), true);
    }

    void press(char c) {
        console.onKey(new KeyStroke(c, false, false));
    }

    void press(KeyType type) {
        console.onKey(new KeyStroke(type));
    }

    /** Lets queued actions finish, takes what the engine published, paints; returns the screen rows. */
    List<String> frame() {
        actions.awaitIdle(Duration.ofSeconds(10));
        console.tick();
        try {
            console.render();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows();
    }

    List<String> rows() {
        TerminalSize size = terminal.getTerminalSize();
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                b.append(terminal.getCharacter(c, r).getCharacterString());
            }
            rows.add(b.toString());
        }
        return rows;
    }

    String text() {
        return String.join("\n", rows());
    }

    void resize(int cols, int rows) {
        terminal.setTerminalSize(new TerminalSize(cols, rows));
    }

    /** Keeps a frame under target/screens for a person to look at. */
    void save(String name) {
        try {
            Path dir = Path.of("target", "screens");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        actions.close();
        try {
            screen.stopScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
