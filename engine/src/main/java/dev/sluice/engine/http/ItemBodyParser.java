package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads {@code POST /items} bodies: {@code {"name": "<1..200 characters>", "description": "..."}}
 * (description optional, may be null; other fields are ignored, as seed 004's Pydantic model
 * ignored them). Every refusal is a 400 naming the field. Stateless.
 */
final class ItemBodyParser {
    static final int MAX_NAME = 200;

    /** What a valid body asks for. */
    record NewItem(String name, String description) {}

    private final JsonFactory factory = new JsonFactory();
    /** The content rules of {@code /write} (no \u0000, sane nesting), on the whole body. */
    private final EventBatchParser contentRules = new EventBatchParser(1, "the item");

    NewItem parse(byte[] body) {
        contentRules.parse(body);
        try (JsonParser p = factory.createParser(body)) {
            return read(p);
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problem.badRequest("unreadable body: " + e.getMessage());
        }
    }

    private static NewItem read(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw Problem.badRequest("body must be a JSON object {\"name\": \"...\", \"description\": \"...\"}, was "
                    + MessageBodyParser.describe(first));
        }
        String name = null;
        String description = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw Problem.badRequest("'name' must be a string, was " + MessageBodyParser.describe(value));
                    }
                    name = p.getText();
                }
                case "description" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        description = null;
                    } else if (value == JsonToken.VALUE_STRING) {
                        description = p.getText();
                    } else {
                        throw Problem.badRequest(
                                "'description' must be a string or null, was " + MessageBodyParser.describe(value));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (name == null) {
            throw Problem.badRequest("'name' is missing: send {\"name\": \"...\", \"description\": \"...\"}");
        }
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME) {
            throw Problem.badRequest("'name' must be 1 to " + MAX_NAME + " characters, was " + length);
        }
        return new NewItem(name, description);
    }
}
