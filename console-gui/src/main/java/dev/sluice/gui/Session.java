package dev.sluice.gui;

import dev.sluice.engine.LocalStack;
import dev.sluice.api.EngineControl;
import dev.sluice.api.control.RemoteEngineControl;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the console drives and how it lets go of it.
 *
 * @param control   the seam; the console touches the engine through nothing else
 * @param target    how the status panel names the engine
 * @param embedded  true when this process started the engine (closing the window drains it)
 * @param reports   where one-click reports go
 * @param release   drains and stops an embedded stack, or stops following a remote one; blocking, idempotent
 */
record Session(EngineControl control, String target, boolean embedded, Path reports, Runnable release) {

    /** An embedded stack: closing drains the engine for up to {@code drain}, then stops the stores. */
    static Session embedded(LocalStack stack, Path dataDir, Duration drain) {
        return new Session(stack.engine(), "embedded · " + stack.engine().apiUri(), true, dataDir.resolve("reports"),
                () -> stack.close(drain));
    }

    /** A remote engine: closing only stops following it. */
    static Session attached(RemoteEngineControl remote, Path dataDir) {
        return new Session(remote, "attached · " + remote.target(), false, dataDir.resolve("reports"), remote::close);
    }
}
