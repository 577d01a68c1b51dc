package dev.sluice.gui;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineSession;
import java.nio.file.Path;

/**
 * What the console drives and how it lets go of it.
 *
 * @param control   the seam; the console touches the engine through nothing else
 * @param target    how the status panel names the engine
 * @param embedded  true when this process started the engine (closing the window drains it)
 * @param reports   where one-click reports go
 * @param release   drains and stops a local engine, or stops following a remote one; blocking, idempotent
 */
record Session(EngineControl control, String target, boolean embedded, Path reports, Runnable release) {

    /** The console on {@code engine}: closing the window closes the session (a local engine drains first). */
    static Session of(EngineSession engine, Path dataDir) {
        return new Session(
                engine.control(),
                (engine.local() ? "embedded · " : "attached · ") + engine.apiUri(),
                engine.local(),
                dataDir.resolve("reports"),
                engine::close);
    }
}
