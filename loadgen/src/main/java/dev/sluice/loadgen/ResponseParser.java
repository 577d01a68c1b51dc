package dev.sluice.loadgen;

import io.netty.buffer.ByteBuf;

/**
 * A lean HTTP/1.1 response reader: status code, {@code Content-Length}, chunked bodies,
 * {@code Connection: close}; bodies are skipped, never buffered. It replaces Netty's
 * {@code HttpResponseDecoder}, whose header maps and message objects per response were the
 * largest share of the client's CPU after the socket calls (the server shares the cores).
 *
 * <p>Concurrency: one per connection, confined to its event loop.
 */
final class ResponseParser {
    static final int MAX_LINE = 8192;

    private enum Phase {
        STATUS,
        HEADERS,
        BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        UNTIL_CLOSE,
        DONE
    }

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private Phase phase = Phase.STATUS;
    private int status;
    private long remaining;
    private boolean chunked;
    private boolean close;

    /** Starts reading a new response. */
    void reset() {
        phase = Phase.STATUS;
        lineLength = 0;
        status = 0;
        remaining = -1;
        chunked = false;
        close = false;
    }

    int status() {
        return status;
    }

    /** True when the server said it will close the connection after this response. */
    boolean closeAfter() {
        return close;
    }

    /** True when the body runs until the server closes (no length, not chunked). */
    boolean readsUntilClose() {
        return phase == Phase.UNTIL_CLOSE;
    }

    /**
     * Consumes bytes of {@code in} up to the end of the response.
     *
     * @return true when the response is complete
     * @throws IllegalStateException on a malformed response
     */
    boolean feed(ByteBuf in) {
        while (in.isReadable() && phase != Phase.DONE) {
            switch (phase) {
                case BODY, CHUNK_DATA -> skip(in);
                case UNTIL_CLOSE -> in.skipBytes(in.readableBytes());
                default -> {
                    if (readLine(in)) {
                        onLine();
                    }
                }
            }
        }
        return phase == Phase.DONE;
    }

    private void skip(ByteBuf in) {
        int n = (int) Math.min(remaining, in.readableBytes());
        in.skipBytes(n);
        remaining -= n;
        if (remaining == 0) {
            phase = phase == Phase.BODY ? Phase.DONE : Phase.CHUNK_END;
        }
    }

    /** Appends to the current line; true when a whole line (without CRLF) is in {@link #line}. */
    private boolean readLine(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == MAX_LINE) {
                throw new IllegalStateException("response line longer than " + MAX_LINE + " bytes");
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private void onLine() {
        int length = lineLength;
        lineLength = 0;
        switch (phase) {
            case STATUS -> status(length);
            case HEADERS -> {
                if (length == 0) {
                    endOfHeaders();
                } else {
                    header(length);
                }
            }
            case CHUNK_SIZE -> chunkSize(length);
            case CHUNK_END -> phase = Phase.CHUNK_SIZE;
            case TRAILERS -> phase = length == 0 ? Phase.DONE : Phase.TRAILERS;
            default -> throw new IllegalStateException("unexpected line in phase " + phase);
        }
    }

    private void status(int length) {
        // "HTTP/1.1 202 Accepted": the code is the three digits after the first space
        if (length < 12 || line[0] != 'H' || line[8] != ' ') {
            throw new IllegalStateException("not an HTTP status line: "
                    + new String(line, 0, Math.min(length, 40), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        status = digit(9) * 100 + digit(10) * 10 + digit(11);
        close = line[7] == '0'; // HTTP/1.0 closes unless told otherwise
        phase = Phase.HEADERS;
    }

    private int digit(int i) {
        int d = line[i] - '0';
        if (d < 0 || d > 9) {
            throw new IllegalStateException("bad status code in response");
        }
        return d;
    }

    private void header(int length) {
        if (startsWith("content-length:", length)) {
            remaining = number(15, length, 10);
        } else if (startsWith("transfer-encoding:", length)) {
            chunked = contains("chunked", 18, length);
        } else if (startsWith("connection:", length)) {
            if (contains("close", 11, length)) {
                close = true;
            } else if (contains("keep-alive", 11, length)) {
                close = false;
            }
        }
    }

    private void endOfHeaders() {
        if (status / 100 == 1 || status == 204 || status == 304) {
            phase = status / 100 == 1 ? Phase.STATUS : Phase.DONE;
        } else if (chunked) {
            phase = Phase.CHUNK_SIZE;
        } else if (remaining >= 0) {
            phase = remaining == 0 ? Phase.DONE : Phase.BODY;
        } else {
            close = true;
            phase = Phase.UNTIL_CLOSE;
        }
    }

    private void chunkSize(int length) {
        int end = 0;
        while (end < length && line[end] != ';') {
            end++;
        }
        long size = number(0, end, 16);
        if (size == 0) {
            phase = Phase.TRAILERS;
        } else {
            remaining = size;
            phase = Phase.CHUNK_DATA;
        }
    }

    private boolean startsWith(String lowerName, int length) {
        if (length < lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (Character.toLowerCase(line[i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(String lowerWord, int from, int length) {
        outer:
        for (int i = from; i + lowerWord.length() <= length; i++) {
            for (int j = 0; j < lowerWord.length(); j++) {
                if (Character.toLowerCase(line[i + j]) != lowerWord.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private long number(int from, int to, int radix) {
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > 15) {
            throw new IllegalStateException("bad number in response header");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(line[i], radix);
            if (d < 0) {
                throw new IllegalStateException("bad number in response header");
            }
            v = v * radix + d;
        }
        return v;
    }
}
