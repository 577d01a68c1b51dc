package dev.sluice.engine.items;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Redis response cache of {@code GET /items} pages, and the one rule that keeps it honest:
 * a page is never older than the last committed write.
 *
 * <p>How: pages are cached under the current <em>version</em>. A writer registers itself
 * ({@link #writeBegins}) before its transaction and, after the commit, deregisters and bumps the
 * version in one script ({@link #writeEnded}). While any writer is registered, readers bypass the
 * cache (read PostgreSQL, store nothing); a page is stored only if the version it was read under
 * is still current and no writer is registered. So a page read before a commit can be stored
 * only while that commit has not begun, and is unreachable once it ended. A writer that dies
 * registered expires after {@link #WRITER_LEASE}; the engine also bumps the version when it
 * starts, so a commit whose writer died before bumping cannot leave a stale page behind.
 *
 * <p>Failure: reads that cannot reach Redis are served from PostgreSQL; a writer that cannot
 * reach Redis fails its batch (it is retried), since an unbumped version could serve stale pages.
 *
 * <p>Concurrency: thread-safe; reads are asynchronous, the writer calls block the worker.
 */
final class ItemCache implements AutoCloseable {
    /** Longer than any transaction of the items worker; a registered writer this old is dead. */
    static final Duration WRITER_LEASE = Duration.ofMinutes(5);
    /** How long a page lives without writes; writes make it unreachable sooner. */
    static final Duration PAGE_TTL = Duration.ofMinutes(10);

    /** KEYS: version, writers. ARGV: now ms, offset, limit, page-key prefix. Returns {'bypass'}, {'hit', page} or {'miss', version}. */
    private static final String READ = """
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[2]) > 0 then return {'bypass'} end
            local v = redis.call('GET', KEYS[1]) or '0'
            local page = redis.call('GET', ARGV[4] .. v .. ':' .. ARGV[2] .. ':' .. ARGV[3])
            if page then return {'hit', page} end
            return {'miss', v}""";
    /** KEYS: version, writers. ARGV: now ms, version read, offset, limit, page-key prefix, page, ttl ms. Returns 1 if stored. */
    private static final String STORE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
            if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[2] then return 0 end
            redis.call('SET', ARGV[5] .. ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4], ARGV[6], 'PX', ARGV[7])
            return 1""";
    /** KEYS: version, writers. ARGV: writer token. */
    private static final String WRITE_ENDED = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            return redis.call('INCR', KEYS[1])""";

    /** What a read found: a cached page, or the version to store a fresh one under (null: bypass). */
    record Lookup(byte[] page, String version) {
        boolean hit() {
            return page != null;
        }

        boolean cacheable() {
            return version != null;
        }
    }

    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final byte[][] keys;
    private final byte[] pagePrefix;
    private final Duration timeout;

    /** @param namespace the hash-tagged prefix every key of this cache starts with */
    ItemCache(RedisClient client, String namespace, Duration timeout) {
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.timeout = timeout;
        this.keys = new byte[][] {bytes(namespace + ":version"), bytes(namespace + ":writers")};
        this.pagePrefix = bytes(namespace + ":page:");
    }

    /** The page at {@code offset}/{@code limit}, or how to proceed without it; never fails (Redis away: bypass). */
    CompletableFuture<Lookup> read(long offset, int limit) {
        CompletableFuture<List<Object>> found = connection
                .async()
                .<List<Object>>eval(
                        READ,
                        ScriptOutputType.MULTI,
                        keys,
                        now(),
                        bytes(Long.toString(offset)),
                        bytes(Integer.toString(limit)),
                        pagePrefix)
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return found.handle((reply, error) -> {
            if (error != null || reply == null || reply.isEmpty()) {
                return new Lookup(null, null);
            }
            String kind = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
            return switch (kind) {
                case "hit" -> new Lookup((byte[]) reply.get(1), null);
                case "miss" -> new Lookup(null, new String((byte[]) reply.get(1), StandardCharsets.UTF_8));
                default -> new Lookup(null, null);
            };
        });
    }

    /** Offers a page read under {@code version}; stored only if no write began since. Never fails. */
    CompletableFuture<Boolean> offer(String version, long offset, int limit, byte[] page) {
        return connection
                .async()
                .<Long>eval(
                        STORE,
                        ScriptOutputType.INTEGER,
                        keys,
                        now(),
                        bytes(version),
                        bytes(Long.toString(offset)),
                        bytes(Integer.toString(limit)),
                        pagePrefix,
                        page,
                        bytes(Long.toString(PAGE_TTL.toMillis())))
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((stored, error) -> error == null && stored != null && stored == 1L);
    }

    /** Registers a writer until {@link #writeEnded}; returns its token. Blocks; throws if Redis does not answer. */
    String writeBegins() {
        String token = UUID.randomUUID().toString();
        double deadline = System.currentTimeMillis() + WRITER_LEASE.toMillis();
        await(connection.async().zadd(keys[1], deadline, bytes(token)).toCompletableFuture());
        return token;
    }

    /** Deregisters {@code token} and makes every cached page unreachable. Blocks; throws if Redis does not answer. */
    void writeEnded(String token) {
        await(connection
                .async()
                .<Long>eval(WRITE_ENDED, ScriptOutputType.INTEGER, keys, bytes(token))
                .toCompletableFuture());
    }

    /** Makes every cached page unreachable (the engine's start: a writer may have died between commit and bump). */
    void invalidateAll() {
        await(connection.async().incr(keys[0]).toCompletableFuture());
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Redis answered", e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Redis did not answer the items cache: " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    private static byte[] now() {
        return bytes(Long.toString(System.currentTimeMillis()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
    }
}
