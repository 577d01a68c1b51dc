package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates a {@code POST /write} body and cuts it into one byte slice per event, without
 * building a tree: one pass of Jackson's streaming parser, and the events keep the exact bytes
 * the client sent. Everything PostgreSQL 17's {@code jsonb} would later refuse is refused here
 * (bytes that are not strict UTF-8, {@code \u0000}, lone surrogates, numbers beyond
 * {@code numeric}, containers beyond jsonb's sizes), so an event answered 202 always lands in
 * {@code logs}. Each refusal names the event and a JSON Pointer to the value inside it.
 *
 * <p>Concurrency: stateless apart from the thread-safe {@link JsonFactory}; call from any thread.
 */
final class EventBatchParser {

    /** jsonb handles deep nesting, but a bound keeps a hostile body from costing the stack. Counted from the event. */
    static final int MAX_DEPTH = 256;
    /** jsonb stores a container's size in 28 bits ({@code JENTRY_OFFLENMASK}). */
    static final long MAX_JSONB_BYTES = 0x0FFF_FFFF;
    /**
     * Bytes jsonb may spend on one token beyond its text (entry 4, alignment 3, numeric headers 8,
     * digit rounding 4), so {@code 19 * tokens + text bytes} bounds an event's jsonb size from above.
     * The bound also covers PostgreSQL 17's element counts: an array of more than 16,777,216 elements
     * or an object of more than 8,388,608 members (duplicates included) fails to allocate while it
     * is parsed, and either already costs more than {@link #MAX_JSONB_BYTES} by this bound.
     */
    static final int JSONB_BYTES_PER_TOKEN = 19;
    /**
     * Below this body size the bound above can never be reached (an element takes at least two
     * bytes of text, and jsonb spends at most about six bytes per byte of text, 12 for {@code 1,}),
     * so ordinary bodies skip the check. Only {@code --max-body} above 32 MiB makes it matter.
     */
    static final int LARGE_BODY_BYTES = 32 << 20;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    // the batch array and one spare level: our own depth check names the path
                    .maxNestingDepth(MAX_DEPTH + 2)
                    // PostgreSQL has no length limit of its own for these; the body limit bounds them
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();
    private final int maxEvents;
    private final String single;

    EventBatchParser(int maxEvents) {
        this(maxEvents, "the event");
    }

    /** @param single what refusals call a single-object body: "the event", "the message" */
    EventBatchParser(int maxEvents, String single) {
        this.maxEvents = maxEvents;
        this.single = single;
    }

    /** Returns the events of {@code body}, in order; throws {@link Problem} naming what is wrong. */
    List<byte[]> parse(byte[] body) {
        int malformed = StrictUtf8.firstMalformed(body);
        try (JsonParser parser = factory.createParser(body)) {
            return new Pass(parser, body, malformed).run();
        } catch (IOException e) {
            throw Problem.badRequest("unreadable body: " + e.getMessage());
        }
    }

    /** The state of one parse: where the parser is, which event, what the UTF-8 scan found. */
    private final class Pass {
        private final JsonParser parser;
        private final byte[] body;
        private final int malformed;
        private final boolean large;
        private boolean inBatch;
        private int index = -1;

        Pass(JsonParser parser, byte[] body, int malformed) {
            this.parser = parser;
            this.body = body;
            this.malformed = malformed;
            this.large = body.length > LARGE_BODY_BYTES;
        }

        List<byte[]> run() throws IOException {
            try {
                return events();
            } catch (StreamConstraintsException e) {
                throw Problem.badRequest("the JSON exceeds a parser limit: " + e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                if (malformed >= 0) {
                    throw notUtf8();
                }
                String at = e.getLocation() == null
                        ? ""
                        : " (at byte " + e.getLocation().getByteOffset() + ")";
                throw Problem.badRequest("malformed JSON: " + e.getOriginalMessage() + at);
            }
        }

        private List<byte[]> events() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed >= 0
                        ? notUtf8()
                        : Problem.badRequest("body is empty: send one JSON object or an array of objects");
            }
            List<byte[]> events;
            if (first == JsonToken.START_OBJECT) {
                events = List.of(readObject());
            } else if (first == JsonToken.START_ARRAY) {
                inBatch = true;
                events = readArray();
            } else {
                throw Problem.badRequest("body must be a JSON object or an array of objects, was a " + describe(first));
            }
            if (parser.nextToken() != null) {
                throw Problem.badRequest("unexpected content after the JSON value at byte "
                        + parser.currentTokenLocation().getByteOffset());
            }
            return events;
        }

        private List<byte[]> readArray() throws IOException {
            List<byte[]> events = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw Problem.badRequest("malformed JSON: the array is not closed");
                }
                index = events.size();
                if (token != JsonToken.START_OBJECT) {
                    throw Problem.badRequest("event [" + index + "] must be a JSON object, was a " + describe(token));
                }
                if (index == maxEvents) {
                    throw Problem.tooLarge("a batch holds at most " + maxEvents + " events");
                }
                events.add(readObject());
            }
            if (events.isEmpty()) {
                throw Problem.badRequest("the array is empty: send at least one event");
            }
            return events;
        }

        /** Parser sits on START_OBJECT; returns the object's bytes and leaves the parser on its END_OBJECT. */
        private byte[] readObject() throws IOException {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            int depth = 1;
            long tokens = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw Problem.badRequest("malformed JSON: " + event() + " is not closed");
                }
                tokens++;
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw refuse("nests deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME, VALUE_STRING -> checkText();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> checkNumber(token == JsonToken.VALUE_NUMBER_INT);
                    default -> {}
                }
            }
            int end = (int) parser.currentLocation().getByteOffset();
            if (large && JSONB_BYTES_PER_TOKEN * tokens + (end - start) > MAX_JSONB_BYTES) {
                throw refuse("could take more than " + MAX_JSONB_BYTES
                        + " bytes as jsonb, beyond what PostgreSQL stores in one value");
            }
            return Arrays.copyOfRange(body, start, end);
        }

        /** jsonb cannot store U+0000 and rejects unpaired surrogates; PostgreSQL refuses bytes that are not UTF-8. */
        private void checkText() throws IOException {
            char[] chars = parser.getTextCharacters();
            if (malformed >= 0 && parser.currentLocation().getByteOffset() > malformed) {
                throw notUtf8();
            }
            int from = parser.getTextOffset();
            int to = from + parser.getTextLength();
            for (int i = from; i < to; i++) {
                char c = chars[i];
                if (c == '\u0000') {
                    throw refuse(what() + " contains \\u0000 (NUL), which PostgreSQL cannot store");
                }
                if (Character.isSurrogate(c)) {
                    boolean paired =
                            Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1]);
                    if (!paired) {
                        throw refuse(what() + " contains an unpaired UTF-16 surrogate \\u" + Integer.toHexString(c)
                                + ", which PostgreSQL cannot store");
                    }
                    i++;
                }
            }
        }

        private void checkNumber(boolean integral) throws IOException {
            int len = parser.getTextLength();
            if (integral && len <= NumericRange.MAX_INTEGER_DIGITS) {
                return;
            }
            char[] chars = parser.getTextCharacters();
            int from = parser.getTextOffset();
            String why = NumericRange.problem(chars, from, len, integral);
            if (why != null) {
                String text = len <= 24
                        ? new String(chars, from, len)
                        : new String(chars, from, 20) + "… (" + len + " characters)";
                throw refuse("the number " + text + " is beyond PostgreSQL's numeric: " + why);
            }
        }

        private Problem notUtf8() {
            String path = EventPath.of(parser.getParsingContext(), inBatch);
            String in = index < 0 && path.isEmpty() ? "" : " in " + event() + (path.isEmpty() ? "" : " at " + path);
            return Problem.badRequest("the body is not valid UTF-8 at byte " + malformed + " ("
                    + StrictUtf8.bytesAt(body, malformed) + ")" + in + ", which PostgreSQL refuses");
        }

        private String what() {
            return parser.currentToken() == JsonToken.FIELD_NAME ? "the field name" : "the string";
        }

        /** "event [3] at /a/b/2: why", or "the event at /a: why" for a single-object body. */
        private Problem refuse(String why) {
            String path = EventPath.of(parser.getParsingContext(), inBatch);
            return Problem.badRequest(event() + (path.isEmpty() ? "" : " at " + path) + ": " + why);
        }

        private String event() {
            return index < 0 ? single : "event [" + index + "]";
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
