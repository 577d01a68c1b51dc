package dev.sluice.stores;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * How to reach PostgreSQL. {@code kind} is "embedded" or "external".
 * {@link #toString()} masks the password; {@link #displayUrl()} is what a person pastes into psql.
 */
public record PostgresEndpoint(String jdbcUrl, String user, String password, String kind) {
    /** The query parameters {@link #displayUrl()} keeps: how the connection is secured, in names psql takes too. */
    private static final List<String> SHOWN_PARAMETERS = List.of("sslmode", "sslrootcert", "sslcert", "sslkey");

    /**
     * A libpq URL without the password, e.g. {@code postgresql://postgres@127.0.0.1:54321/sluice}, with
     * the URL's TLS parameters ({@code ?sslmode=verify-full&sslrootcert=/etc/ca.pem}) and no other.
     */
    public String displayUrl() {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String userPart = user == null || user.isEmpty() ? "" : user + "@";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return "postgresql://" + userPart + uri.getHost() + port + uri.getPath() + shownQuery(uri.getRawQuery());
    }

    private static String shownQuery(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            int eq = param.indexOf('=');
            if (SHOWN_PARAMETERS.contains(eq < 0 ? param : param.substring(0, eq))) {
                shown.add(param);
            }
        }
        return shown.isEmpty() ? "" : "?" + String.join("&", shown);
    }

    /**
     * A plain JDBC connection (no pool) whose connect and login give up after {@code connectTimeout}
     * and whose every read gives up after {@code readTimeout}, so a stopped server cannot hang the
     * caller. pgjdbc takes whole seconds; each timeout is rounded up to at least one.
     */
    public Connection connect(Duration connectTimeout, Duration readTimeout, String applicationName)
            throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        String connectSeconds = Long.toString(Math.max(1, connectTimeout.toSeconds()));
        props.setProperty("connectTimeout", connectSeconds);
        props.setProperty("loginTimeout", connectSeconds);
        props.setProperty("socketTimeout", Long.toString(Math.max(1, readTimeout.toSeconds())));
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + displayUrl() + ", password=" + (password == null ? "none" : "****") + ", " + kind
                + "]";
    }
}
