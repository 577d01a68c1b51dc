package dev.sluice.engine.items;

import dev.sluice.engine.stream.RedisLink;
import dev.sluice.engine.stream.RedisLinks;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * KEYS: version, writers. ARGV: now ms, offset, limit, page-key prefix, the version of the copy
     * this engine holds ('' for none). Returns {'bypass'}, {'held'} (the held copy is current),
     * {'hit', page, version} or {'miss', version}.
     */
    private static final String READ = """
            if redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[1], '+inf') > 0 then return {'bypass'} end
            local v = redis.call('GET', KEYS[1]) or '0'
            local key = ARGV[4] .. v .. ':' .. ARGV[2] .. ':' .. ARGV[3]
            if v == ARGV[5] and redis.call('EXISTS', key) == 1 then return {'held'} end
            local page = redis.call('GET', key)
            if page then return {'hit', page, v} end
            return {'miss', v}""";
    /** KEYS: version, writers. ARGV: now ms, version read, offset, limit, page-key prefix, page, ttl ms. Returns 1 if stored. */
    private static final String STORE = """
            if redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[1], '+inf') > 0 then return 0 end
            if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[2] then return 0 end
            redis.call('SET', ARGV[5] .. ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4], ARGV[6], 'PX', ARGV[7])
            return 1""";

    private static final String READ_SHA = sha1(READ);
    private static final String STORE_SHA = sha1(STORE);

    /** KEYS: writers. ARGV: now ms, deadline, writer token. Drops writers past their deadline (dead ones), registers this one. */
    private static final String WRITE_BEGINS = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            return redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])""";
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

    /**
     * Pages most recently served, with their versions: when Redis says the version is still
     * current and the page still cached, the page itself need not cross the wire again. Every page
     * stored under one version holds the same rows (no commit happens while a version is current
     * and no writer is registered), so a held copy is as good as Redis's.
     */
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private record Held(String version, byte[] page) {}

    /** Held copies kept at most; past it they are all dropped (offsets are unbounded, memory is not). */
    static final int MAX_HELD = 1_000;

    private final RedisLink<byte[], byte[]> connection;
    private final byte[][] keys;
    private final byte[] pagePrefix;
    private final Duration timeout;

    /** @param namespace the hash-tagged prefix every key of this cache starts with */
    ItemCache(RedisLinks links, String namespace, Duration timeout) {
        this.connection = links.connect(ByteArrayCodec.INSTANCE);
        this.timeout = timeout;
        this.keys = new byte[][] {bytes(namespace + ":version"), bytes(namespace + ":writers")};
        this.pagePrefix = bytes(namespace + ":page:");
    }

    /** The page at {@code offset}/{@code limit}, or how to proceed without it; never fails (Redis away: bypass). */
    CompletableFuture<Lookup> read(long offset, int limit) {
        String page = offset + ":" + limit;
        Held mine = held.get(page);
        CompletableFuture<List<Object>> found = this.<List<Object>>cached(
                        READ,
                        READ_SHA,
                        ScriptOutputType.MULTI,
                        keys,
                        now(),
                        bytes(Long.toString(offset)),
                        bytes(Integer.toString(limit)),
                        pagePrefix,
                        bytes(mine == null ? "" : mine.version()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return found.handle((reply, error) -> {
            if (error != null || reply == null || reply.isEmpty()) {
                return new Lookup(null, null);
            }
            String kind = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
            return switch (kind) {
                case "held" -> new Lookup(mine.page(), null);
                case "hit" -> {
                    byte[] json = (byte[]) reply.get(1);
                    hold(page, new String((byte[]) reply.get(2), StandardCharsets.UTF_8), json);
                    yield new Lookup(json, null);
                }
                case "miss" -> new Lookup(null, new String((byte[]) reply.get(1), StandardCharsets.UTF_8));
                default -> new Lookup(null, null);
            };
        });
    }

    /** Offers a page read under {@code version}; stored only if no write began since. Never fails. */
    CompletableFuture<Boolean> offer(String version, long offset, int limit, byte[] page) {
        return this.<Long>cached(
                        STORE,
                        STORE_SHA,
                        ScriptOutputType.INTEGER,
                        keys,
                        now(),
                        bytes(version),
                        bytes(Long.toString(offset)),
                        bytes(Integer.toString(limit)),
                        pagePrefix,
                        page,
                        bytes(Long.toString(PAGE_TTL.toMillis())))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((stored, error) -> {
                    boolean ok = error == null && stored != null && stored == 1L;
                    if (ok) {
                        hold(offset + ":" + limit, version, page);
                    }
                    return ok;
                });
    }

    private void hold(String page, String version, byte[] json) {
        if (held.size() >= MAX_HELD) {
            held.clear();
        }
        held.put(page, new Held(version, json));
    }

    /** Registers a writer until {@link #writeEnded}; returns its token. Blocks; throws if Redis does not answer. */
    String writeBegins() {
        String token = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + WRITER_LEASE.toMillis();
        await(connection
                .async()
                .<Long>eval(
                        WRITE_BEGINS,
                        ScriptOutputType.INTEGER,
                        new byte[][] {keys[1]},
                        now(),
                        bytes(Long.toString(deadline)),
                        bytes(token))
                .toCompletableFuture());
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

    /**
     * Runs a read-path script by its SHA-1 (Redis keeps it after the first EVAL), so the hot path
     * sends neither the script nor makes Redis hash it; a Redis that lost its scripts (restarted)
     * answers NOSCRIPT and gets the whole script once more.
     */
    private <T> CompletableFuture<T> cached(
            String script, String sha, ScriptOutputType type, byte[][] keys, byte[]... args) {
        return connection
                .async()
                .<T>evalsha(sha, type, keys, args)
                .toCompletableFuture()
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    return cause instanceof RedisNoScriptException
                            ? connection
                                    .async()
                                    .<T>eval(script, type, keys, args)
                                    .toCompletableFuture()
                            : CompletableFuture.failedFuture(cause);
                });
    }

    private static String sha1(String script) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
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
