package dev.sluice.engine.http;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Renders where the parser stands as a JSON Pointer (RFC 6901) relative to the event, for error
 * messages: {@code /a/b/2}. Built only when something is wrong, from Jackson's own parsing
 * context, so the happy path pays nothing. Names are shortened and control characters and lone
 * surrogates are shown as {@code \}{@code uXXXX}, so the message itself is always printable JSON.
 */
final class EventPath {
    private static final int MAX_SEGMENT = 40;

    private EventPath() {}

    /** {@code inBatch}: the body is an array of events, whose own index is not part of the path. */
    static String of(JsonStreamContext context, boolean inBatch) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            boolean eventIndex =
                    inBatch && c.getParent() != null && c.getParent().inRoot();
            if (eventIndex) {
                break;
            }
            if (c.inObject() && c.hasCurrentName()) {
                segments.addFirst(escape(c.getCurrentName()));
            } else if (c.inArray() && c.hasCurrentIndex()) {
                segments.addFirst(Integer.toString(c.getCurrentIndex()));
            }
        }
        StringBuilder s = new StringBuilder();
        for (String segment : segments) {
            s.append('/').append(segment);
        }
        return s.toString();
    }

    private static String escape(String name) {
        StringBuilder s = new StringBuilder(Math.min(name.length(), MAX_SEGMENT) + 8);
        for (int i = 0; i < name.length(); i++) {
            if (s.length() >= MAX_SEGMENT) {
                return s.append("…").toString();
            }
            char c = name.charAt(i);
            if (c == '~') {
                s.append("~0");
            } else if (c == '/') {
                s.append("~1");
            } else if (c < 0x20 || Character.isSurrogate(c) && !pairAt(name, i)) {
                s.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c)) {
                s.append(c).append(name.charAt(++i));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static boolean pairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
