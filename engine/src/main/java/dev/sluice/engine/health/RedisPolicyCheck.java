package dev.sluice.engine.health;

import dev.sluice.engine.EngineStartException;
import dev.sluice.stores.RedisAdmin;
import dev.sluice.stores.RedisSettings;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check of what Redis does when it is full and whether it persists. Reads
 * {@code INFO memory} and {@code INFO persistence} rather than {@code CONFIG GET}, which managed
 * Redis services often disable.
 *
 * <ul>
 * <li>{@code allkeys-*} may evict any key, the stream included: an accepted event would vanish.
 *     Refused (one line) unless the user passed {@code --allow-eviction}.
 * <li>{@code volatile-*} evicts only keys with a TTL; the stream and its group never get one, so
 *     Redis answers OOM instead, which the API turns into 429. Like {@code noeviction}, fine.
 * <li>No AOF: a Redis restart loses what the workers have not drained yet. A warning.
 * <li>No {@code maxmemory}: nothing but the high water mark (an event count) bounds the stream. A warning.
 * </ul>
 */
final class RedisPolicyCheck {
    private static final Logger log = LoggerFactory.getLogger(RedisPolicyCheck.class);

    private RedisPolicyCheck() {}

    /** Reads the policy over {@code r}; blocks for its timeout at most per INFO. */
    static void check(RedisAdmin.Session r, String where, RedisSettings settings) {
        String policy = r.info("memory", "maxmemory_policy");
        String aof = r.info("persistence", "aof_enabled");
        check(where, policy, aof, settings.allowEviction());
        if ("0".equals(r.info("memory", "maxmemory"))) {
            log.warn(
                    "stores - {} has no maxmemory: only the high water mark bounds the stream, and only by entry count",
                    where);
        }
    }

    /** The decision alone, for unit tests: {@code policy} and {@code aofEnabled} as INFO reports them, or null. */
    static void check(String where, String policy, String aofEnabled, boolean allowEviction) {
        if (evictsAnyKey(policy)) {
            if (!allowEviction) {
                throw new EngineStartException(
                        where + " has maxmemory-policy " + policy
                                + ", which can evict the stream and lose accepted events; set it to noeviction, or pass --allow-eviction");
            }
            log.warn(
                    "stores - {} has maxmemory-policy {}: accepted events may be evicted (--allow-eviction)",
                    where,
                    policy);
        }
        if ("0".equals(aofEnabled)) {
            log.warn(
                    "stores - {} has no AOF (appendonly no): a Redis restart loses events not yet in PostgreSQL",
                    where);
        }
    }

    static boolean evictsAnyKey(String policy) {
        return policy != null && policy.trim().toLowerCase(Locale.ROOT).startsWith("allkeys-");
    }
}
