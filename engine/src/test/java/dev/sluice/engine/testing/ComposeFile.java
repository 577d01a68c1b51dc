package dev.sluice.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's docker-compose.yml as a tree, and its variables filled in as Compose fills them. */
public final class ComposeFile {
    /** Relative to the engine module, where its tests run. */
    public static final Path PATH = Path.of("..", "docker-compose.yml");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([-?])([^}]*))?}");

    private ComposeFile() {}

    public static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(PATH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's {@code environment} map with {@code shell}'s variables filled in. */
    public static Map<String, String> environment(JsonNode service, Map<String, String> shell) {
        JsonNode environment = service.path("environment");
        if (!environment.isObject()) {
            throw new AssertionError("environment is not a map: " + environment);
        }
        Map<String, String> env = new HashMap<>();
        environment
                .fields()
                .forEachRemaining(
                        e -> env.put(e.getKey(), interpolate(e.getValue().asText(), shell)));
        return env;
    }

    /**
     * Compose's {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?error}}; the last throws
     * {@link IllegalStateException} with the error when the variable is unset or empty.
     */
    public static String interpolate(String value, Map<String, String> shell) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = shell.get(m.group(1));
            boolean empty = set == null || set.isEmpty();
            if ("?".equals(m.group(2)) && empty) {
                throw new IllegalStateException(m.group(1) + ": " + m.group(3));
            }
            String replacement = "-".equals(m.group(2)) && empty ? m.group(3) : (set == null ? "" : set);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
