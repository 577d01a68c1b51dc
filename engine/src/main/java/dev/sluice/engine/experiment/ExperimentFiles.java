package dev.sluice.engine.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.api.Durations;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.control.ControlJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user's experiment from a JSON or YAML file ({@code .yaml}/{@code .yml}), in the shape of the
 * built-in ones:
 *
 * <pre>
 * name: my-batches
 * title: Batch 50 vs 500
 * steps:
 *   - label: batch 50
 *     knobs: {batchSize: 50, mode: stream-copy}
 *     load: {profile: stress, model: closed, users: 16}
 *     warmUp: 5s
 *     measure: 20s
 * </pre>
 *
 * Durations take the command line's units ({@code 500ms}, {@code 5s}, {@code 1m30s}).
 */
public final class ExperimentFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ExperimentFiles() {}

    /**
     * Reads and checks {@code file}.
     *
     * @throws IllegalArgumentException one line naming the file and what is wrong
     */
    public static ExperimentDefinition read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        JsonNode tree;
        try {
            String text = Files.readString(file);
            tree = name.endsWith(".yaml") || name.endsWith(".yml")
                    ? YAML.readTree(text)
                    : ControlJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + " is not valid " + (name.endsWith("json") ? "JSON" : "JSON or YAML") + ": "
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return parse(tree);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static ExperimentDefinition parse(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("an experiment must be an object with name and steps");
        }
        JsonNode steps = tree.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs a list of steps");
        }
        for (JsonNode step : steps) {
            if (step.isObject()) {
                seconds((ObjectNode) step, "warmUp");
                seconds((ObjectNode) step, "measure");
                JsonNode load = step.get("load");
                if (load != null && load.isObject() && load.has("duration")) {
                    ((ObjectNode) load).remove("duration");
                }
            }
        }
        try {
            ExperimentDefinition d = ControlJson.mapper().treeToValue(tree, ExperimentDefinition.class);
            Columns.check(d.columns());
            return d;
        } catch (JsonProcessingException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
                if (t instanceof IllegalArgumentException) {
                    throw new IllegalArgumentException(t.getMessage());
                }
            }
            throw new IllegalArgumentException(
                    e.getOriginalMessage().lines().findFirst().orElse("not an experiment"));
        }
    }

    /** "10s" to 10.0 (seconds, as Jackson reads a Duration from a number). */
    private static void seconds(ObjectNode step, String field) {
        JsonNode v = step.get(field);
        if (v != null && v.isTextual()) {
            step.put(field, Durations.parse(field, v.asText()).toMillis() / 1000.0);
        }
    }
}
