package dev.sluice.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many hostile HTTP clients driven from one thread with non-blocking sockets: each opens a
 * {@code POST /write}, then sends one more byte per second, either of its headers (which never end)
 * or of its body (which never completes). Records what each one saw: a status line, or a close.
 *
 * <p>Concurrency: {@link #open} and {@link #run} on one thread; {@link #outcomes} after {@link #run} returns.
 */
public final class SlowConnections {
    /** How a slow client misbehaves. */
    public enum Kind {
        HEADERS,
        BODY,
        STALLED_BODY
    }

    /** What one slow client saw from the server, and when (nanoTime; 0 while still open). */
    public static final class Client {
        final Kind kind;
        final SocketChannel channel;
        final StringBuilder received = new StringBuilder();
        long nextSendNanos;
        long cutNanos;
        long openedNanos;

        Client(Kind kind, SocketChannel channel) {
            this.kind = kind;
            this.channel = channel;
        }

        /** The status line's code, or "close" when the server closed without an answer. */
        public String outcome() {
            return received.length() >= 12 && received.toString().startsWith("HTTP/1.1 ")
                    ? received.substring(9, 12)
                    : "close";
        }

        public Kind kind() {
            return kind;
        }

        public boolean cut() {
            return cutNanos != 0;
        }

        /** Seconds from open to cut. */
        public double heldSeconds() {
            return (cutNanos - openedNanos) / 1e9;
        }
    }

    private final List<Client> clients = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(4096);

    /** Opens {@code n} clients of {@code kind} to {@code api} and sends each its first bytes. */
    public void open(URI api, Kind kind, int n) throws IOException {
        InetSocketAddress address = new InetSocketAddress(api.getHost(), api.getPort());
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(address);
            ch.configureBlocking(false);
            Client c = new Client(kind, ch);
            c.openedNanos = System.nanoTime();
            // spread the one-byte sends over the second
            c.nextSendNanos = c.openedNanos + 1_000_000_000L * (clients.size() % 10) / 10;
            String start = kind == Kind.HEADERS
                    ? "POST /write HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Slow: "
                    : "POST /write HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{";
            send(c, start);
            clients.add(c);
        }
    }

    /** Feeds and watches every client until all are cut or {@code deadlineNanos} (nanoTime) passes. */
    public void run(long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos && clients.stream().anyMatch(c -> !c.cut())) {
            long now = System.nanoTime();
            for (Client c : clients) {
                if (c.cut()) {
                    continue;
                }
                drain(c);
                if (!c.cut() && c.kind != Kind.STALLED_BODY && now >= c.nextSendNanos) {
                    c.nextSendNanos += 1_000_000_000L;
                    send(c, c.kind == Kind.HEADERS ? "a" : "x");
                }
            }
            Thread.sleep(100);
        }
    }

    public List<Client> outcomes() {
        return clients;
    }

    /** The longest any client of {@code kind} was held before it was cut, in seconds. */
    public double maxHeldSeconds(Kind kind) {
        return clients.stream()
                .filter(c -> c.kind == kind && c.cut())
                .mapToDouble(Client::heldSeconds)
                .max()
                .orElse(0);
    }

    /** Outcome counts per kind, for assertion messages: {HEADERS={408=500}, BODY={408=499, close=1}}. */
    public Map<Kind, Map<String, Integer>> summary() {
        Map<Kind, Map<String, Integer>> out = new TreeMap<>();
        for (Client c : clients) {
            out.computeIfAbsent(c.kind, k -> new TreeMap<>())
                    .merge(c.cut() ? c.outcome() : "still open", 1, Integer::sum);
        }
        return out;
    }

    /** Closes whatever is still open. */
    public void closeAll() {
        for (Client c : clients) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
    }

    private void send(Client c, String text) {
        try {
            c.channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            c.cutNanos = System.nanoTime();
        }
    }

    private void drain(Client c) {
        try {
            while (true) {
                readBuffer.clear();
                int n = c.channel.read(readBuffer);
                if (n > 0) {
                    c.received.append(new String(readBuffer.array(), 0, n, StandardCharsets.ISO_8859_1));
                    if (c.received.indexOf("\r\n") > 0) {
                        c.cutNanos = System.nanoTime(); // answered: cut, whether or not the server closes
                        return;
                    }
                } else {
                    if (n < 0) {
                        c.cutNanos = System.nanoTime();
                        c.channel.close();
                    }
                    return;
                }
            }
        } catch (IOException e) {
            c.cutNanos = System.nanoTime();
        }
    }
}
