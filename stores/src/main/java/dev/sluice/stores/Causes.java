package dev.sluice.stores;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns an exception chain into the short, one-line reason that ends an {@code StoreStartException} message. */
public final class Causes {
    private static final int MAX_LINE = 200;

    private Causes() {}

    /**
     * The root cause's message, made to read well on its own: "unknown host db.example",
     * "connect timed out", "Connection refused". Multi-line messages (embedded-redis puts the
     * whole server log in one) keep their first and last line.
     */
    public static String describe(Throwable t) {
        Throwable root = root(t);
        String msg = root.getMessage();
        if (root instanceof UnknownHostException) {
            return "unknown host " + msg;
        }
        if (msg == null || msg.isBlank()) {
            return root instanceof SocketTimeoutException
                    ? "timed out"
                    : root.getClass().getSimpleName();
        }
        if (root instanceof ConnectException && msg.startsWith("Connection refused")) {
            return "Connection refused";
        }
        return oneLine(msg);
    }

    public static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    public static String oneLine(String msg) {
        String[] lines = msg.strip().split("\\s*\\R\\s*");
        String first = cut(lines[0]);
        return lines.length == 1 ? first : first + " ... " + cut(lines[lines.length - 1]);
    }

    private static String cut(String s) {
        return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE) + "...";
    }
}
