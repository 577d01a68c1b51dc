package dev.sluice.stores;

/**
 * PostgreSQL and Redis that someone else runs: Sluice only connects to them. Building one only
 * parses the URLs; it does not connect (the engine probes them before it starts).
 *
 * <p>Immutable and thread-safe. {@link #close()} does nothing.
 */
public final class ExternalStores implements Stores {
    private final PostgresEndpoint postgres;
    private final RedisEndpoint redis;

    private ExternalStores(PostgresEndpoint postgres, RedisEndpoint redis) {
        this.postgres = postgres;
        this.redis = redis;
    }

    /**
     * Parses both URLs. Does not block.
     *
     * @param pgUrl    {@code postgresql://user:pass@host:port/db}, {@code postgres://...}, or
     *                 {@code jdbc:postgresql://host:port/db?user=..&password=..}; other query
     *                 parameters (e.g. {@code sslmode}) are passed on to pgjdbc
     * @param redisUrl {@code redis://[[user]:pass@]host[:port][/db]}, or {@code rediss://} for TLS, or a
     *                 Redis Cluster's {@code redis-cluster://host:port,host:port} ({@code rediss-cluster://})
     * @throws StoreStartException one line naming the bad URL, password masked, and what is wrong
     */
    public static ExternalStores of(String pgUrl, String redisUrl) {
        PostgresEndpoint pg;
        try {
            pg = StoreUrls.postgres(pgUrl, "external");
        } catch (IllegalArgumentException e) {
            throw new StoreStartException("invalid PostgreSQL URL '" + StoreUrls.mask(pgUrl) + "': " + e.getMessage());
        }
        try {
            StoreUrls.redisNodes(redisUrl);
        } catch (IllegalArgumentException e) {
            throw new StoreStartException("invalid Redis URL '" + StoreUrls.mask(redisUrl) + "': " + e.getMessage());
        }
        return new ExternalStores(pg, new RedisEndpoint(redisUrl.strip(), "external"));
    }

    @Override
    public PostgresEndpoint postgres() {
        return postgres;
    }

    @Override
    public RedisEndpoint redis() {
        return redis;
    }

    /** Does nothing: external stores outlive the engine. */
    @Override
    public void close() {
        // Not ours to stop.
    }

    @Override
    public String toString() {
        return "ExternalStores[" + postgres + ", " + redis + "]";
    }
}
