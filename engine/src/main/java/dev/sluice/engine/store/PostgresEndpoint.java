package dev.sluice.engine.store;

import java.net.URI;

/**
 * How to reach PostgreSQL. {@code kind} is "embedded" or "external".
 * {@link #toString()} masks the password; {@link #displayUrl()} is what a person pastes into psql.
 */
public record PostgresEndpoint(String jdbcUrl, String user, String password, String kind) {

    /** A libpq URL without the password, e.g. {@code postgresql://postgres@127.0.0.1:54321/sluice}. */
    public String displayUrl() {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String userPart = user == null || user.isEmpty() ? "" : user + "@";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return "postgresql://" + userPart + uri.getHost() + port + uri.getPath();
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + displayUrl() + ", password=" + (password == null ? "none" : "****") + ", " + kind + "]";
    }
}
