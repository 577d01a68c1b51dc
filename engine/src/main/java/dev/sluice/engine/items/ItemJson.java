package dev.sluice.engine.items;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Items as the API answers them ({@code {"id","name","description"}}) and as the stream carries them (the same). Stateless. */
public final class ItemJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ItemJson() {}

    public static byte[] one(Item item) {
        return write(64 + item.name().length(), g -> field(g, item));
    }

    /** A page: a JSON array in id order ({@code []} when empty). */
    public static byte[] page(List<Item> items) {
        return write(2 + items.size() * 96, g -> {
            g.writeStartArray();
            for (Item item : items) {
                field(g, item);
            }
            g.writeEndArray();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(int size, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void field(JsonGenerator g, Item item) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", item.id());
        g.writeStringField("name", item.name());
        if (item.description() == null) {
            g.writeNullField("description");
        } else {
            g.writeStringField("description", item.description());
        }
        g.writeEndObject();
    }
}
