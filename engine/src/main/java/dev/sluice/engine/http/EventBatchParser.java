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
 * the client sent. Everything PostgreSQL's {@code jsonb} would later refuse is refused here, so a
 * bad event costs a 400 and never a poison batch.
 *
 * <p>Concurrency: stateless apart from the thread-safe {@link JsonFactory}; call from any thread.
 */
final class EventBatchParser {

    /** jsonb handles deep nesting, but a bound keeps a hostile body from costing the stack. */
    static final int MAX_DEPTH = 256;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private final int maxEvents;

    EventBatchParser(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /** Returns the events of {@code body}, in order; throws {@link Problem} naming what is wrong. */
    List<byte[]> parse(byte[] body) {
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw Problem.badRequest("body is empty: send one JSON object or an array of objects");
            }
            List<byte[]> events;
            if (first == JsonToken.START_OBJECT) {
                events = List.of(readObject(parser, body, -1));
            } else if (first == JsonToken.START_ARRAY) {
                events = readArray(parser, body);
            } else {
                throw Problem.badRequest("body must be a JSON object or an array of objects, was a " + describe(first));
            }
            if (parser.nextToken() != null) {
                throw Problem.badRequest("unexpected content after the JSON value at byte "
                        + parser.currentTokenLocation().getByteOffset());
            }
            return events;
        } catch (StreamConstraintsException e) {
            throw Problem.badRequest("the JSON nests deeper than " + MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
            throw Problem.badRequest("malformed JSON: " + e.getOriginalMessage() + at);
        } catch (IOException e) {
            throw Problem.badRequest("unreadable body: " + e.getMessage());
        }
    }

    private List<byte[]> readArray(JsonParser parser, byte[] body) throws IOException {
        List<byte[]> events = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw Problem.badRequest("malformed JSON: the array is not closed");
            }
            int index = events.size();
            if (token != JsonToken.START_OBJECT) {
                throw Problem.badRequest("event [" + index + "] must be a JSON object, was a " + describe(token));
            }
            if (index == maxEvents) {
                throw Problem.tooLarge("a batch holds at most " + maxEvents + " events");
            }
            events.add(readObject(parser, body, index));
        }
        if (events.isEmpty()) {
            throw Problem.badRequest("the array is empty: send at least one event");
        }
        return events;
    }

    /** Parser sits on START_OBJECT; returns the object's bytes and leaves the parser on its END_OBJECT. */
    private byte[] readObject(JsonParser parser, byte[] body, int index) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw Problem.badRequest("malformed JSON: " + where(index) + "is not closed");
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME, VALUE_STRING -> checkText(parser, index);
                default -> { }
            }
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return Arrays.copyOfRange(body, start, end);
    }

    /** jsonb cannot store U+0000 and rejects unpaired surrogates; catch both before Redis sees them. */
    private static void checkText(JsonParser parser, int index) throws IOException {
        char[] chars = parser.getTextCharacters();
        int from = parser.getTextOffset();
        int to = from + parser.getTextLength();
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c == '\u0000') {
                throw Problem.badRequest(where(index) + "contains \\u0000 (NUL) in " + fieldOf(parser)
                        + ", which PostgreSQL cannot store");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1]);
                if (!paired) {
                    throw Problem.badRequest(where(index) + "contains an unpaired UTF-16 surrogate in " + fieldOf(parser));
                }
                i++;
            }
        }
    }

    private static String fieldOf(JsonParser parser) throws IOException {
        String name = parser.currentToken() == JsonToken.FIELD_NAME ? null : parser.currentName();
        return name == null ? "a field name" : "field '" + name + "'";
    }

    private static String where(int index) {
        return index < 0 ? "the event " : "event [" + index + "] ";
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
