package dev.sluice.stores;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the store URLs people paste: libpq style ({@code postgresql://user:pass@host:5432/db},
 * also {@code postgres://}), pgjdbc style ({@code jdbc:postgresql://host/db?user=&password=}) and
 * {@code redis://[[user]:pass@]host[:port][/db]} (or {@code rediss://}, or a Redis Cluster's
 * {@code redis-cluster://host:port,host:port}). Failures are
 * {@link IllegalArgumentException}s whose message is the reason alone, without the URL.
 *
 * <p>TLS: a PostgreSQL URL's query parameters other than {@code user} and {@code password} go to
 * pgjdbc as they are, which reads libpq's {@code sslmode}, {@code sslrootcert}, {@code sslcert}
 * and {@code sslkey}; {@code sslmode} is checked here, as pgjdbc would refuse a bad one only at
 * the connect. {@code rediss://} is Redis over TLS, with Lettuce's {@code ?verifyPeer=FULL|CA|NONE}.
 */
public final class StoreUrls {
    static final int DEFAULT_PG_PORT = 5432;
    /** libpq's and pgjdbc's {@code sslmode} values. */
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** Lettuce's {@code verifyPeer} values (it takes them in any case). */
    static final List<String> VERIFY_PEER = List.of("FULL", "CA", "NONE");

    private StoreUrls() {}

    public static PostgresEndpoint postgres(String url, String kind) {
        String s = requireText(url);
        String rest;
        if (s.startsWith("jdbc:postgresql://")) {
            rest = s.substring("jdbc:".length());
        } else if (s.startsWith("postgresql://")) {
            rest = s;
        } else if (s.startsWith("postgres://")) {
            rest = "postgresql://" + s.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("expected postgresql://, postgres:// or jdbc:postgresql://");
        }
        URI uri = parse(rest);
        String host = host(uri);
        int port = uri.getPort() < 0 ? DEFAULT_PG_PORT : uri.getPort();
        String[] userInfo = userInfo(uri.getRawUserInfo());
        String user = userInfo[0];
        String password = userInfo[1];
        List<String> keep = new ArrayList<>();
        for (String param : params(uri.getRawQuery())) {
            String key = decode(param.contains("=") ? param.substring(0, param.indexOf('=')) : param);
            String value = param.contains("=") ? decode(param.substring(param.indexOf('=') + 1)) : "";
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "sslmode" -> {
                    if (!SSL_MODES.contains(value)) {
                        throw new IllegalArgumentException(
                                "sslmode must be one of " + String.join(", ", SSL_MODES) + ", was '" + value + "'");
                    }
                    keep.add(param);
                }
                default -> keep.add(param);
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String db = path.startsWith("/") ? path.substring(1) : path;
        if (db.contains("/")) {
            throw new IllegalArgumentException("database name must not contain '/', was '" + decode(db) + "'");
        }
        if (db.isEmpty()) {
            // libpq's default: the database named like the user.
            db = user == null || user.isEmpty()
                    ? "postgres"
                    : URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20");
        }
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + db
                + (keep.isEmpty() ? "" : "?" + String.join("&", keep));
        return new PostgresEndpoint(jdbc, emptyToNull(user), emptyToNull(password), kind);
    }

    /**
     * Lettuce's reading of a Redis URL ({@code redis://[[user]:pass@]host[:port][/db]},
     * {@code rediss://} for TLS; a lone userinfo is the password), checked where Lettuce is
     * lenient: parsing {@code redis://:pw@:6379} here gave the host {@code ":6379"}, and
     * {@code redis://h:-1} the host {@code "h:-1"}; an IPv6 host keeps its brackets, which the
     * connect would not resolve.
     */
    public static RedisURI redis(String url) {
        String s = requireText(url);
        if (!s.startsWith("redis://") && !s.startsWith("rediss://")) {
            throw new IllegalArgumentException("expected redis:// or rediss://");
        }
        checkVerifyPeer(s);
        RedisURI uri;
        try {
            uri = RedisURI.create(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("database must be a number 0 or more");
        } catch (IllegalArgumentException e) {
            // Lettuce's own messages name the setting, never the password ("Port out of range: 99999")
            throw new IllegalArgumentException(e.getMessage());
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            uri.setHost(host.substring(1, host.length() - 1));
        } else if (host.isEmpty() || host.startsWith(":")) {
            throw new IllegalArgumentException("no host");
        } else if (host.contains(":") || host.contains(",")) {
            throw new IllegalArgumentException(
                    host.contains(",") ? "several hosts in one URL are not supported" : "bad host or port");
        }
        return uri;
    }

    /** True for a Redis Cluster URL ({@code redis-cluster://} or {@code rediss-cluster://}). */
    public static boolean isRedisCluster(String url) {
        String s = url == null ? "" : url.strip();
        return s.startsWith("redis-cluster://") || s.startsWith("rediss-cluster://");
    }

    /**
     * The Redis servers a URL names: the one of a {@code redis://} or {@code rediss://} URL, or the
     * seed nodes of {@code redis-cluster://[[user]:pass@]host:port[,host:port...][?verifyPeer=...]}
     * ({@code rediss-cluster://} for TLS), each with the URL's credentials and parameters. The
     * cluster client asks the first seed that answers for the whole topology, so the list need not
     * name every master. A cluster has no database number.
     */
    public static List<RedisURI> redisNodes(String url) {
        String s = requireText(url);
        if (!isRedisCluster(s)) {
            return List.of(redis(s));
        }
        String scheme = s.startsWith("rediss-") ? "rediss://" : "redis://";
        String rest = s.substring(s.indexOf("://") + 3);
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q);
        rest = q < 0 ? rest : rest.substring(0, q);
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
        String hosts = rest.substring(at + 1);
        if (hosts.endsWith("/")) {
            hosts = hosts.substring(0, hosts.length() - 1);
        }
        if (hosts.contains("/")) {
            throw new IllegalArgumentException("a Redis Cluster URL has no database number");
        }
        List<RedisURI> nodes = new ArrayList<>();
        for (String host : hosts.split(",", -1)) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("empty host in the list of cluster nodes");
            }
            nodes.add(redis(scheme + userInfo + host.strip() + query));
        }
        return List.copyOf(nodes);
    }

    /** Lettuce's own refusal of a bad {@code verifyPeer} is "No enum constant io.lettuce.core.SslVerifyMode.X". */
    private static void checkVerifyPeer(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return;
        }
        for (String param : params(url.substring(q + 1))) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).equals(RedisURI.PARAMETER_NAME_VERIFY_PEER)) {
                String value = decode(param.substring(eq + 1));
                if (!VERIFY_PEER.contains(value.toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(
                            "verifyPeer must be one of " + String.join(", ", VERIFY_PEER) + ", was '" + value + "'");
                }
            }
        }
    }

    /**
     * The URL with its password replaced by {@code ****}, also when the URL does not parse: for
     * error messages about exactly that URL. A Redis URL's lone userinfo counts as a password.
     */
    public static String mask(String url) {
        if (url == null) {
            return "null";
        }
        String s = url.strip();
        int start = s.indexOf("://");
        int at = s.lastIndexOf('@');
        if (start >= 0 && at > start + 3) {
            String info = s.substring(start + 3, at);
            int colon = info.indexOf(':');
            String masked = colon >= 0 ? info.substring(0, colon) + ":****" : s.startsWith("redis") ? "****" : info;
            s = s.substring(0, start + 3) + masked + s.substring(at);
        }
        return s.replaceAll("(?i)([?&]password=)[^&]*", "$1****");
    }

    private static String requireText(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the URL is empty");
        }
        return url.strip();
    }

    private static URI parse(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); percent-encode special characters in the password");
        }
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host != null && !host.isEmpty()) {
            return host;
        }
        String authority = uri.getRawAuthority();
        if (authority != null && authority.contains(",")) {
            throw new IllegalArgumentException("several hosts in one URL are not supported");
        }
        String hostPort = authority == null ? "" : authority.substring(authority.lastIndexOf('@') + 1);
        throw new IllegalArgumentException(
                hostPort.isEmpty() || hostPort.startsWith(":") ? "no host" : "bad host or port");
    }

    /** {user, password}, decoded separately so an encoded ':' stays in the password. */
    private static String[] userInfo(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new String[] {null, null};
        }
        int colon = raw.indexOf(':');
        return colon < 0
                ? new String[] {decode(raw), null}
                : new String[] {decode(raw.substring(0, colon)), decode(raw.substring(colon + 1))};
    }

    private static List<String> params(String rawQuery) {
        List<String> out = new ArrayList<>();
        if (rawQuery != null) {
            for (String p : rawQuery.split("&")) {
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        // '+' is a literal plus in a URI userinfo or path; URLDecoder would make it a space.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
