package dev.sluice.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code java -cp /app/classes dev.sluice.engine.ReadyProbe [URL]}: exit 0 when {@code GET /ready}
 * answers 200 within 2 s, else 1 with one line on stderr. The engine image's health check: its base
 * has no curl or wget (a distroless one no shell either), and this class needs only the JDK, so the
 * check's JVM loads nothing of the engine's libraries. The URL defaults to {@value #DEFAULT_URL}.
 */
public final class ReadyProbe {
    static final String DEFAULT_URL = "http://127.0.0.1:8080/ready";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private ReadyProbe() {}

    public static void main(String[] args) {
        System.exit(check(args.length > 0 ? args[0] : DEFAULT_URL, TIMEOUT, System.err));
    }

    /** 0 when {@code url} answers 200 within {@code timeout} (to connect, and again to answer), else 1. */
    static int check(String url, Duration timeout, PrintStream err) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            if (status == 200) {
                return 0;
            }
            err.println("not ready: " + url + " answered " + status + detail(connection.getErrorStream()));
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("not ready: " + url + ": " + e);
            return 1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** The start of the problem's body, which names the store that is down. */
    private static String detail(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        try (body) {
            String text = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : " " + text.replaceAll("\\s+", " ");
        }
    }
}
