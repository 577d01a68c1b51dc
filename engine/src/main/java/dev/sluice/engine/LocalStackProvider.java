package dev.sluice.engine;

import dev.sluice.api.EngineControl;
import dev.sluice.api.EngineSession;
import dev.sluice.api.LocalEngineOptions;
import dev.sluice.api.LocalEngineProvider;
import dev.sluice.engine.cli.EngineOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consoles' local mode: a {@link LocalStack} started from the flags of {@code sluice engine}.
 * Found through {@link java.util.ServiceLoader} (META-INF/services), so the consoles compile against
 * the api module alone and load the engine only when they start one.
 */
public final class LocalStackProvider implements LocalEngineProvider {

    /** For the ServiceLoader. */
    public LocalStackProvider() {}

    /** Parses as {@code sluice engine} does; with {@code --help} the data directory is null. */
    @Override
    public LocalEngineOptions check(List<String> args, Map<String, String> env) {
        EngineOptions o = parse(args, env);
        return new LocalEngineOptions(
                o.dataDir(),
                o.embedded(),
                o.help(),
                o.help() ? null : o.config().api().warmUp());
    }

    @Override
    public EngineSession start(List<String> args, Map<String, String> env) {
        EngineOptions o = parse(args, env);
        return new StackSession(LocalStack.start(o), o);
    }

    @Override
    public String optionsHelp() {
        return EngineOptions.optionsHelp();
    }

    private static EngineOptions parse(List<String> args, Map<String, String> env) {
        return EngineOptions.parse(args.toArray(String[]::new), env);
    }

    /** A started stack; closing drains the engine for the options' drain time, then stops embedded stores. */
    private record StackSession(LocalStack stack, EngineOptions options) implements EngineSession {
        private static final Logger log = LoggerFactory.getLogger(StackSession.class);

        @Override
        public EngineControl control() {
            return stack.engine();
        }

        @Override
        public URI apiUri() {
            return stack.engine().apiUri();
        }

        @Override
        public boolean local() {
            return true;
        }

        @Override
        public Optional<String> generatedToken() {
            return options.tokenGenerated()
                    ? Optional.of(options.config().control().token())
                    : Optional.empty();
        }

        @Override
        public void close() {
            try {
                stack.close(options.drain());
            } catch (RuntimeException e) {
                log.warn("engine - stopping the local stack failed: {}", e.toString());
            }
        }
    }
}
