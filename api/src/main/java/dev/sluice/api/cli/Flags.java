package dev.sluice.api.cli;

import dev.sluice.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny, strict flag parser: {@code --name value} or {@code --name=value}, boolean flags alone.
 * Unknown flags, missing values and bad numbers become one readable {@link UsageException} line.
 * Values resolve as: flag, else environment variable, else default. Only the GUI's own flags still
 * use it, until they move to picocli like the engine's ({@link EngineFlags}).
 */
public final class Flags {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> env;
    private final List<String> positional = new ArrayList<>();

    private Flags(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param valued  flags that take a value, without the leading dashes
     * @param booleans flags that stand alone
     */
    public static Flags parse(String[] args, List<String> valued, List<String> booleans, Map<String, String> env) {
        Flags flags = new Flags(env);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                flags.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleans.contains(name)) {
                flags.values.put(name, value == null ? "true" : value);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                flags.values.put(name, value);
            } else {
                throw new UsageException("unknown option '" + arg + "' (see --help)");
            }
        }
        return flags;
    }

    public List<String> positional() {
        return positional;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String envVar, String fallback) {
        String v = values.get(name);
        if (v == null && envVar != null) {
            v = env.get(envVar);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    public int integer(String name, String envVar, int fallback, int min, int max) {
        String raw = string(name, envVar, null);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", was '" + raw + "'");
    }

    public Duration duration(String name, String envVar, Duration fallback) {
        String raw = string(name, envVar, null);
        return raw == null ? fallback : parseDuration("--" + name, raw);
    }

    public boolean bool(String name) {
        String v = values.get(name);
        return v != null && !v.equalsIgnoreCase("false");
    }

    /** {@link Durations}' grammar: a unit is required. */
    public static Duration parseDuration(String what, String raw) {
        try {
            return Durations.parse(what, raw);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
