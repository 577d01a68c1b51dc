package dev.sluice.engine.testing;

import dev.sluice.engine.Main;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code sluice engine} as a separate JVM, for tests that kill or signal a real process. */
public final class EngineProcesses {
    private EngineProcesses() {}

    /**
     * java with this test's classpath running {@link Main} with {@code args}: a small heap, and C1
     * only (such a process lives seconds; C2 would only take CPU from the test's own work).
     */
    public static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /** As {@link #command(String...)}, with {@code jvmOptions} (what a user puts in {@code ENGINE_JAVA_OPTS}) before the class. */
    public static List<String> command(List<String> jvmOptions, String... args) {
        return commandOf(Main.class, jvmOptions, args);
    }

    /** As {@link #command(List, String...)}, running {@code main} (e.g. {@code ExperimentMain}) instead of {@link Main}. */
    public static List<String> commandOf(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
