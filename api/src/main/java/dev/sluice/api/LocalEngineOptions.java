package dev.sluice.api;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a console needs to know of a local engine's command line before it starts it: checked by
 * {@link EngineSessions#checkLocal} exactly as {@code sluice engine} would check it.
 *
 * @param dataDir  where embedded stores keep their data; the console puts its log and reports there
 * @param embedded true for embedded PostgreSQL and Redis, false for external stores given by URL
 * @param help     the engine's {@code --help} was among the arguments
 * @param warmUp   the longest the engine's JIT warm-up may take before it serves ({@code --warm-up}); zero when off
 */
public record LocalEngineOptions(Path dataDir, boolean embedded, boolean help, Duration warmUp) {
    public LocalEngineOptions {
        warmUp = warmUp == null ? Duration.ZERO : warmUp;
    }

    /** What the start will do, for the line a console prints before it: "the engine on …, then warming up …". */
    public String startPlan() {
        String stores =
                embedded ? "embedded PostgreSQL, Redis and the engine in " + dataDir : "the engine on external stores";
        return warmUp.isZero()
                ? stores
                : stores + ", then warming up its JIT (at most " + warmUp.toSeconds() + " s; --warm-up 0s skips it)";
    }
}
