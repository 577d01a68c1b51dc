package dev.sluice.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an attached console must not carry: the engine, the embedded stores, an HTTP server, a store
 * driver or a pool. Reads a module's runtime classpath as {@code dependency:build-classpath} writes it
 * (the consoles' poms write {@code target/runtime-classpath.txt} before their tests run).
 */
public final class AttachedClasspath {
    /** Parts of a jar's (or a reactor module's) path that mark what only a local engine needs. */
    public static final List<String> ENGINE_ONLY = List.of(
            "jetty",
            "javalin",
            "lettuce",
            "netty",
            "hikaricp",
            "postgresql",
            "flyway",
            "zonky",
            "embedded-redis",
            "sluice-engine",
            "sluice-stores",
            "/engine/target/",
            "/stores/target/");

    private AttachedClasspath() {}

    /** The entries of a classpath file (one line, separated by the platform's path separator). */
    public static List<String> entries(Path classpathFile) throws IOException {
        String text = Files.readString(classpathFile).strip();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(File.pathSeparator));
    }

    /** The entries that only a local engine needs; empty when an attached console can run on {@code entries}. */
    public static List<String> engineOnly(List<String> entries) {
        return entries.stream()
                .filter(e -> {
                    String path = e.replace('\\', '/').toLowerCase(Locale.ROOT) + "/";
                    return ENGINE_ONLY.stream().anyMatch(path::contains);
                })
                .toList();
    }

    /**
     * Fails unless the classpath in {@code classpathFile} holds sluice-api and nothing that only a
     * local engine needs; the message lists the offending entries.
     */
    public static void requireAttachable(Path classpathFile) throws IOException {
        List<String> runtime = entries(classpathFile);
        if (runtime.stream()
                .noneMatch(e -> e.contains("sluice-api") || e.replace('\\', '/').contains("/api/target/"))) {
            throw new AssertionError("no sluice-api on the runtime classpath " + runtime);
        }
        List<String> extra = engineOnly(runtime);
        if (!extra.isEmpty()) {
            throw new AssertionError(
                    "jetty, lettuce, HikariCP, postgresql, zonky or the engine on an attached console's"
                            + " runtime classpath: " + extra);
        }
    }
}
