package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.engine.queue.NewMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Validates a {@code POST /message} body, {@code {"channel": "<name>", "message": {…}}}, in one
 * streaming pass. The message keeps the bytes the client sent and is held to the same content
 * rules as an event of {@code POST /write} ({@link EventBatchParser}), so whatever is answered
 * 201 is something {@code jsonb} stores. Other members are ignored, as seed 003's service did.
 *
 * <p>Concurrency: stateless apart from thread-safe parsers; call from any thread.
 */
final class MessageBodyParser {
    /** What a channel name may be, here and in the table's CHECK. */
    static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final JsonFactory factory = new JsonFactory();
    private final EventBatchParser messageRules = new EventBatchParser(1, "the message");

    NewMessage parse(byte[] body) {
        try (JsonParser p = factory.createParser(body)) {
            return read(p, body);
        } catch (JsonProcessingException e) {
            if (StrictUtf8.firstMalformed(body) >= 0) {
                throw Problem.badRequest("the body is not valid UTF-8 at byte " + StrictUtf8.firstMalformed(body));
            }
            String at = e.getLocation() == null
                    ? ""
                    : " (at byte " + e.getLocation().getByteOffset() + ")";
            throw Problem.badRequest("malformed JSON: " + e.getOriginalMessage() + at);
        } catch (IOException e) {
            throw Problem.badRequest("unreadable body: " + e.getMessage());
        }
    }

    private NewMessage read(JsonParser p, byte[] body) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw Problem.badRequest("body must be a JSON object {\"channel\": \"<name>\", \"message\": {...}}"
                    + (first == null ? ", was empty" : ", was " + describe(first)));
        }
        String channel = null;
        byte[] message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "channel" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw Problem.badRequest("'channel' must be a string, was " + describe(value));
                    }
                    channel = p.getText();
                }
                case "message" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw Problem.badRequest("'message' must be a JSON object, was " + describe(value));
                    }
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getByteOffset();
                    message = Arrays.copyOfRange(body, start, end);
                }
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw Problem.badRequest("unexpected content after the JSON object at byte "
                    + p.currentTokenLocation().getByteOffset());
        }
        if (channel == null) {
            throw Problem.badRequest("'channel' is missing: send {\"channel\": \"<name>\", \"message\": {...}}");
        }
        requireChannel(channel);
        if (message == null) {
            throw Problem.badRequest("'message' is missing: send {\"channel\": \"<name>\", \"message\": {...}}");
        }
        messageRules.parse(message); // the jsonb content rules; names the value inside 'message' it refuses
        return new NewMessage(channel, new String(message, StandardCharsets.UTF_8));
    }

    /** Refuses a channel name the queue does not take, naming the rule. */
    static String requireChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw Problem.badRequest("'channel' must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-', was '"
                    + (channel == null ? "" : abbreviate(channel)) + "'");
        }
        return channel;
    }

    private static String abbreviate(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
