package dev.sluice.engine.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An engine node's identity: the prefix of its consumer names in the group ({@code <id>-w<N>}),
 * its heartbeat's key, its line in the consoles. Two nodes on one stream must never share one,
 * or each would read the other's pending entries as its own; a node restarted must keep its own,
 * so it finishes what it held.
 *
 * <p>Given ({@code --node-id}), it is used as is. Otherwise it is kept in {@code node-id} in the
 * data directory: read when there, else made once from the host name and six random hex digits
 * and written there, so the same directory is the same node across restarts.
 */
public final class NodeIdentity {
    /** Letters, digits, {@code . _ -}; starts with a letter or digit; at most 48 characters. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");

    static final String FILE = "node-id";

    private NodeIdentity() {}

    /**
     * Checks a node id; the message names the setting and the bad value.
     *
     * @throws IllegalArgumentException when it is not a valid id
     */
    public static String check(String id, String setting) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException(setting
                    + " must be 1..48 letters, digits, '.', '_' or '-', starting with a letter or digit, was '" + id
                    + "'");
        }
        return id;
    }

    /** The file in {@code dataDir} that keeps the node id. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /**
     * The node id kept in {@code dataDir}, made and written on first use.
     *
     * @throws IllegalStateException when the file cannot be read or written, or holds no valid id
     */
    public static String inDataDir(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                try {
                    return check(kept, file.toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(e.getMessage() + "; fix or delete the file, or pass --node-id");
                }
            }
            Files.createDirectories(dataDir);
            String made = generate(hostName());
            Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
            Files.writeString(tmp, made + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return made;
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the node id in " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); pass --node-id or --data-dir");
        }
    }

    /** {@code <host>-<6 hex>}: readable in a console, unique without coordination. */
    static String generate(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+", "");
        h = h.contains(".") ? h.substring(0, h.indexOf('.')) : h; // the short name: no domain
        if (h.length() > 40) {
            h = h.substring(0, 40);
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        return h.isEmpty() ? "node-" + suffix : h + "-" + suffix;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "node";
        }
    }
}
