package dev.sluice.api.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sluice.api.ExperimentDefinition;
import dev.sluice.api.ExperimentPace;
import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.IngestMode;
import dev.sluice.api.IntakeState;
import dev.sluice.api.Knobs;
import dev.sluice.api.KnobsChange;
import dev.sluice.api.MetricsSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The wire format of the control API, shared by the server routes and the remote client so the
 * two cannot drift. Knobs travel as {@code {"workers":10,"batchSize":500,"flushIntervalMs":100,
 * "mode":"stream-copy","paused":false,"highWater":1000000,"lowWater":750000}}, a {@link KnobsChange} as the
 * same object with only the fields it changes; instants as ISO-8601 text.
 */
public final class ControlJson {
    private static final Set<String> KNOB_FIELDS =
            Set.of("workers", "batchSize", "flushIntervalMs", "mode", "paused", "highWater", "lowWater");
    private static final ObjectMapper MAPPER = build();

    private ControlJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("sluice-control");
        module.addSerializer(Knobs.class, new JsonSerializer<>() {
            @Override
            public void serialize(Knobs k, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartObject();
                g.writeNumberField("workers", k.workers());
                g.writeNumberField("batchSize", k.batchSize());
                g.writeNumberField("flushIntervalMs", k.flushInterval().toMillis());
                g.writeStringField("mode", k.mode().label());
                g.writeBooleanField("paused", k.paused());
                g.writeNumberField("highWater", k.highWater());
                g.writeNumberField("lowWater", k.lowWater());
                g.writeEndObject();
            }
        });
        module.addDeserializer(Knobs.class, new JsonDeserializer<>() {
            @Override
            public Knobs deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Knobs.defaults().with(readKnobsChange((JsonNode) p.readValueAsTree()));
            }
        });
        module.addSerializer(KnobsChange.class, new JsonSerializer<>() {
            @Override
            public void serialize(KnobsChange k, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartObject();
                if (k.workers() != null) {
                    g.writeNumberField("workers", k.workers());
                }
                if (k.batchSize() != null) {
                    g.writeNumberField("batchSize", k.batchSize());
                }
                if (k.flushInterval() != null) {
                    g.writeNumberField("flushIntervalMs", k.flushInterval().toMillis());
                }
                if (k.mode() != null) {
                    g.writeStringField("mode", k.mode().label());
                }
                if (k.paused() != null) {
                    g.writeBooleanField("paused", k.paused());
                }
                if (k.highWater() != null) {
                    g.writeNumberField("highWater", k.highWater());
                }
                if (k.lowWater() != null) {
                    g.writeNumberField("lowWater", k.lowWater());
                }
                g.writeEndObject();
            }
        });
        module.addDeserializer(KnobsChange.class, new JsonDeserializer<>() {
            @Override
            public KnobsChange deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return readKnobsChange((JsonNode) p.readValueAsTree());
            }
        });
        labelled(module, IngestMode.class, IngestMode::label, IngestMode::fromLabel);
        labelled(module, ExperimentPace.class, ExperimentPace::label, ExperimentPace::fromLabel);
        labelled(module, ExperimentStatus.Phase.class, ExperimentStatus.Phase::label, ControlJson::phase);
        labelled(module, IntakeState.class, IntakeState::label, IntakeState::fromLabel);
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(module)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Writes {@code type} as its label ("stream-copy", "throttling") and reads it back from one. */
    private static <T> void labelled(
            SimpleModule module, Class<T> type, Function<T, String> label, Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(label.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        });
    }

    /**
     * Reads a partial knobs document, e.g. {@code {"workers":4}}: the fields present become the
     * change, absent ones stay null. Ranges are checked when the change is merged ({@link Knobs#with}).
     *
     * @throws IllegalArgumentException naming the field, for unknown fields or wrong types
     */
    public static KnobsChange readKnobsChange(JsonNode changes) {
        if (changes == null || !changes.isObject()) {
            throw new IllegalArgumentException("knobs must be a JSON object such as {\"workers\": 4}");
        }
        for (Iterator<String> it = changes.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!KNOB_FIELDS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown knob '" + name + "'; knobs are " + String.join(", ", new TreeSet<>(KNOB_FIELDS)));
            }
        }
        IngestMode mode = null;
        if (changes.has("mode")) {
            JsonNode m = changes.get("mode");
            if (!m.isTextual()) {
                throw new IllegalArgumentException("mode must be a string such as \"stream-copy\"");
            }
            mode = IngestMode.fromLabel(m.asText());
        }
        Boolean paused = null;
        if (changes.has("paused")) {
            JsonNode p = changes.get("paused");
            if (!p.isBoolean()) {
                throw new IllegalArgumentException("paused must be true or false, was " + p);
            }
            paused = p.asBoolean();
        }
        Integer flushMs = intField(changes, "flushIntervalMs");
        return new KnobsChange(
                intField(changes, "workers"),
                intField(changes, "batchSize"),
                flushMs == null ? null : Duration.ofMillis(flushMs),
                mode,
                paused,
                intField(changes, "highWater"),
                intField(changes, "lowWater"));
    }

    /** Reads a partial knobs document from text; see {@link #readKnobsChange(JsonNode)}. */
    public static KnobsChange readKnobsChange(String json) {
        try {
            return readKnobsChange(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("knobs must be JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The field as an int, null when absent. */
    private static Integer intField(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + v);
        }
        return v.asInt();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MetricsSnapshot readSnapshot(String json) {
        try {
            return MAPPER.readValue(json, MetricsSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<MetricsSnapshot> readHistory(String json) {
        try {
            return List.of(MAPPER.readValue(json, MetricsSnapshot[].class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> readProfiles(String json) {
        try {
            return List.of(MAPPER.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The experiments an engine knows ({@code GET /control/experiments}). */
    public static List<ExperimentDefinition> readExperiments(String json) {
        try {
            return List.of(MAPPER.readValue(json, ExperimentDefinition[].class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An experiment to start ({@code POST /control/experiment}), e.g. {@code {"name":"stages","pace":"quick",
     * "slo":{"p99Micros":50000,"maxErrorRate":0.001}}}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ExperimentRequest readExperimentRequest(String json) {
        try {
            return MAPPER.readValue(json, ExperimentRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "an experiment needs JSON such as {\"name\":\"stages\",\"pace\":\"quick\"}: " + reason(e), e);
        }
    }

    /** The experiment part of a snapshot ({@code GET /control/experiment}). */
    public static ExperimentStatus readExperimentStatus(String json) {
        try {
            return MAPPER.readValue(json, ExperimentStatus.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message a record's own check gave, when that is why Jackson could not build it. */
    private static String reason(JsonProcessingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        return e.getOriginalMessage();
    }

    private static ExperimentStatus.Phase phase(String label) {
        for (ExperimentStatus.Phase p : ExperimentStatus.Phase.values()) {
            if (p.label().equalsIgnoreCase(label) || p.name().equalsIgnoreCase(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown experiment phase '" + label + "'");
    }

    public static Knobs readKnobs(String json) {
        try {
            return MAPPER.readValue(json, Knobs.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code detail} of a problem+json body, or the body itself. */
    public static String problemDetail(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node.hasNonNull("detail") ? node.get("detail").asText() : body;
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /** A problem+json document with no {@code instance}: for answers given before a request has a path. */
    public static String problem(int status, String title, String detail) {
        return problemNode(status, title, detail).toString();
    }

    /** A problem+json document. */
    public static String problem(int status, String title, String detail, String instance) {
        return problemNode(status, title, detail).put("instance", instance).toString();
    }

    /** A problem+json document with one extension member. */
    public static String problem(
            int status, String title, String detail, String instance, String member, String value) {
        return problemNode(status, title, detail)
                .put("instance", instance)
                .put(member, value)
                .toString();
    }

    private static ObjectNode problemNode(int status, String title, String detail) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
        return n;
    }
}
