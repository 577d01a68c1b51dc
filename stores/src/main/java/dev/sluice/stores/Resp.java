package dev.sluice.stores;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * A blocking, single-connection RESP2 client for the handful of admin commands the store code
 * sends (PING, INFO, CONFIG GET, SHUTDOWN). Lettuce would do, but it starts an event loop per
 * client; this opens one socket with hard connect and read timeouts and nothing else.
 *
 * <p>Concurrency: not thread-safe; one caller owns an instance.
 */
public final class Resp implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Resp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects within {@code timeout}; every later read also gives up after {@code timeout}. */
    public static Resp connect(String host, int port, boolean tls, Duration timeout) throws IOException {
        Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new Resp(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects to {@code a} as {@link #connect(String, int, boolean, Duration)} does, then logs in (AUTH) when it has a password. */
    public static Resp connect(StoreUrls.RedisAddress a, Duration timeout) throws IOException {
        Resp r = connect(a.host(), a.port(), a.tls(), timeout);
        try {
            if (a.password() != null) {
                if (a.user() != null) {
                    r.call("AUTH", a.user(), a.password());
                } else {
                    r.call("AUTH", a.password());
                }
            }
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Sends one command and reads its reply: String, Long, List, or null. A '-' reply throws {@link ServerError}. */
    public Object call(String... args) throws IOException {
        send(args);
        return read();
    }

    /** Sends one command without reading (SHUTDOWN answers by closing the connection). */
    public void send(String... args) throws IOException {
        StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one reply; EOFException when the server closed the connection. */
    public Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by server");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ServerError(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return bulk(Integer.parseInt(line));
            case '*':
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return items;
            default:
                throw new IOException("not a Redis reply (first byte 0x" + Integer.toHexString(type) + ")");
        }
    }

    /** One field of INFO output, e.g. {@code info("server", "redis_version")}; null when absent. */
    public String info(String section, String field) throws IOException {
        Object reply = call("INFO", section);
        if (!(reply instanceof String text)) {
            return null;
        }
        for (String l : text.split("\r\n")) {
            if (l.startsWith(field + ":")) {
                return l.substring(field.length() + 1).trim();
            }
        }
        return null;
    }

    /** The value of one CONFIG parameter, or null. */
    public String config(String name) throws IOException {
        Object reply = call("CONFIG", "GET", name);
        if (reply instanceof List<?> kv && kv.size() == 2) {
            return String.valueOf(kv.get(1));
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to release beyond the socket itself.
        }
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length) {
            throw new EOFException("connection closed by server");
        }
        line();
        return new String(data, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new EOFException("connection closed by server");
            }
            buf.write(b);
        }
        in.read();
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** An error reply such as {@code NOAUTH Authentication required.} */
    public static final class ServerError extends IOException {
        ServerError(String message) {
            super(message);
        }
    }
}
