package dev.sluice.api;

import java.nio.file.Path;

/**
 * What a console needs to know of a local engine's command line before it starts it: checked by
 * {@link EngineSessions#checkLocal} exactly as {@code sluice engine} would check it.
 *
 * @param dataDir  where embedded stores keep their data; the console puts its log and reports there
 * @param embedded true for embedded PostgreSQL and Redis, false for external stores given by URL
 * @param help     the engine's {@code --help} was among the arguments
 */
public record LocalEngineOptions(Path dataDir, boolean embedded, boolean help) {}
