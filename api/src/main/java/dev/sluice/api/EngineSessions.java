package dev.sluice.api;

import dev.sluice.api.cli.UsageException;
import dev.sluice.api.control.RemoteEngineControl;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Opens {@link EngineSession}s: the one way a console gets an engine, local or remote. */
public final class EngineSessions {
    /** The one line a console prints (exit 2) when asked for a local engine it does not have. */
    public static final String NO_LOCAL_ENGINE =
            "no engine on the classpath (sluice-engine) to start one in this process;"
                    + " attach to a running engine with --attach URL, or run through ./sluice";

    private EngineSessions() {}

    /**
     * Follows the engine at {@code engine} (e.g. {@code http://10.0.0.5:8080}) through its control
     * API. Returns at once, even if the engine is not up yet; {@link EngineControl#connected()} says when it is.
     *
     * @param token the engine's control token, or null when its control API is open
     */
    public static EngineSession attach(URI engine, String token) {
        return new RemoteSession(RemoteEngineControl.attach(engine, token));
    }

    /**
     * Starts an engine in this process with the arguments of {@code sluice engine}; blocks until its API answers.
     *
     * @throws UsageException on a bad argument, or {@link #NO_LOCAL_ENGINE} when the engine is not on the classpath
     * @throws EngineException with one line when a store or the port is unusable
     */
    public static EngineSession startLocal(List<String> engineArgs, Map<String, String> env) {
        return provider().start(engineArgs, env);
    }

    /**
     * Checks the arguments of a local engine without starting it (a console does this while it reads its flags).
     *
     * @throws UsageException on a bad argument, or {@link #NO_LOCAL_ENGINE} when the engine is not on the classpath
     */
    public static LocalEngineOptions checkLocal(List<String> engineArgs, Map<String, String> env) {
        return provider().check(engineArgs, env);
    }

    /** The local engine's options help, or empty when no engine is on the classpath. */
    public static Optional<String> localOptionsHelp() {
        return find().map(LocalEngineProvider::optionsHelp);
    }

    private static LocalEngineProvider provider() {
        return find().orElseThrow(() -> new UsageException(NO_LOCAL_ENGINE));
    }

    private static Optional<LocalEngineProvider> find() {
        return ServiceLoader.load(LocalEngineProvider.class, EngineSessions.class.getClassLoader())
                .findFirst();
    }

    /** An attached engine: closing only stops following it. */
    private record RemoteSession(RemoteEngineControl remote) implements EngineSession {
        @Override
        public EngineControl control() {
            return remote;
        }

        @Override
        public URI apiUri() {
            return remote.target();
        }

        @Override
        public boolean local() {
            return false;
        }

        @Override
        public Optional<String> generatedToken() {
            return Optional.empty();
        }

        @Override
        public void close() {
            remote.close();
        }
    }
}
