package dev.sluice.api;

import java.util.List;
import java.util.Map;

/**
 * The local-mode entry point a console finds through {@link java.util.ServiceLoader}: the engine
 * module implements it (registered in {@code META-INF/services}), so a console compiles against
 * this module alone and an attached console runs without the engine on its classpath.
 * Implementations need a public no-argument constructor.
 */
public interface LocalEngineProvider {

    /**
     * Checks engine arguments and environment as {@code sluice engine} does, starting nothing.
     *
     * @throws dev.sluice.api.cli.UsageException with one line for the user on anything wrong
     */
    LocalEngineOptions check(List<String> args, Map<String, String> env);

    /**
     * Starts the stores and the engine those arguments describe; blocks until the API answers.
     *
     * @throws dev.sluice.api.cli.UsageException on a bad argument
     * @throws EngineException with one line when a store or the port is unusable
     */
    EngineSession start(List<String> args, Map<String, String> env);

    /** The engine options' help text, one option a line, for a console's {@code --help}. */
    String optionsHelp();
}
