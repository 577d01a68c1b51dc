package dev.sluice.stores;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback ports the embedded servers used last time, kept in {@code ports.properties} in the
 * data directory. Re-using them keeps printed URLs stable across restarts and tells the next start
 * where a leftover Redis may still be listening.
 */
record Ports(int postgres, int redis) {
    static final String FILE_NAME = "ports.properties";
    private static final Logger log = LoggerFactory.getLogger(Ports.class);

    static final Ports NONE = new Ports(0, 0);

    /** What the last run recorded, or {@link #NONE}; a damaged file is ignored, not fatal. */
    static Ports read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return new Ports(port(p, "postgres.port"), port(p, "redis.port"));
        } catch (IOException | RuntimeException e) {
            log.warn("stores - ignoring unreadable {}: {}", file, e.toString());
            return NONE;
        }
    }

    /** Writes atomically, so a crash mid-write leaves the old file, never half a file. */
    void write(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("postgres.port", Integer.toString(postgres));
        p.setProperty("redis.port", Integer.toString(redis));
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "loopback ports of the embedded stores; free to delete");
        }
        Files.move(
                tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code preferred} if it is free on 127.0.0.1 and not {@code taken}, else a free port the OS picks. */
    static int pick(int preferred, int taken) throws IOException {
        if (preferred > 0 && preferred != taken && isFree(preferred)) {
            return preferred;
        }
        for (int i = 0; i < 10; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (s.getLocalPort() != taken) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("no free loopback port");
    }

    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            // Same SO_REUSEADDR as PostgreSQL and Redis use, so TIME_WAIT leftovers do not count as taken.
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int port(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return 0;
        }
        int port = Integer.parseInt(v.trim());
        return port > 0 && port < 65536 ? port : 0;
    }
}
