package dev.sluice.gui;

import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started only through {@link #launch(Session, ConsoleSettings)} from
 * {@link GuiMain}: a main class that extends Application fails on the classpath ("JavaFX runtime
 * components are missing"), so the launcher is a separate class.
 */
public final class ConsoleApp extends Application {
    private static final AtomicReference<Launch> PENDING = new AtomicReference<>();

    private record Launch(Session session, ConsoleSettings settings) {}

    /** Shows the window for {@code session}; blocks until it is closed and the engine released. */
    static void launch(Session session, ConsoleSettings settings) {
        PENDING.set(new Launch(session, settings));
        Application.launch(ConsoleApp.class);
    }

    /** Called by JavaFX on its application thread. */
    @Override
    public void start(Stage stage) {
        Launch l = PENDING.getAndSet(null);
        if (l == null) {
            throw new IllegalStateException("start the console with ./sluice gui (dev.sluice.gui.GuiMain)");
        }
        Platform.setImplicitExit(false);
        new ConsoleWindow(l.session(), l.settings(), Platform::exit).show(stage);
    }
}
