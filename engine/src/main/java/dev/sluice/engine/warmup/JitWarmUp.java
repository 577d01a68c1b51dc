package dev.sluice.engine.warmup;

import dev.sluice.engine.concurrent.DaemonThreads;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives {@code POST /write} on a loopback port with single events and batches until the JIT has
 * compiled the path, so the engine's first real request meets compiled code (issue 12: a fresh
 * JVM ran its first 10 s at about half the steady rate, most of it C2 compiling the HTTP, JSON
 * and Redis code while serving).
 *
 * <p>Done when the JIT compilers have been nearly idle for a second ({@link #SETTLED_COMPILE_MS}
 * of compilation in the last {@link #WINDOW}), or at the given limit; where the JVM does not
 * report compilation time, at the limit. The server it drives is a throwaway one the caller
 * builds on the same classes as the real one (the compiled code is per method, not per instance).
 *
 * <p>Concurrency: {@link #run} blocks the caller; {@link #CONNECTIONS} daemon threads send the requests.
 */
public final class JitWarmUp {
    private static final Logger log = LoggerFactory.getLogger(JitWarmUp.class);
    static final int CONNECTIONS = 16;
    static final Duration MINIMUM = Duration.ofSeconds(2);
    static final Duration SAMPLE = Duration.ofMillis(250);
    static final Duration WINDOW = Duration.ofSeconds(1);
    /** Compilation (all compiler threads) in the last {@link #WINDOW} below which the JIT counts as settled. */
    static final long SETTLED_COMPILE_MS = 150;

    static final int BATCH_EVENTS = 100;

    private JitWarmUp() {}

    /** What the warm-up did: requests answered 2xx, others (refused, failed), how long, and why it ended. */
    public record Result(long answered, long refused, Duration took, boolean settled) {}

    /**
     * Warms {@code POST /write} at {@code target} (a loopback base URI) for at most {@code limit},
     * ending within a sample when {@code cancelled} turns true.
     */
    public static Result run(URI target, Duration limit, BooleanSupplier cancelled) {
        return run(target, limit, cancelled, compilationMillis());
    }

    static Result run(URI target, Duration limit, BooleanSupplier cancelled, LongSupplier compileMillis) {
        InetSocketAddress address = new InetSocketAddress(target.getHost(), target.getPort());
        List<byte[]> requests = requests(target.getHost() + ":" + target.getPort());
        LongAdder answered = new LongAdder();
        LongAdder refused = new LongAdder();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            threads.add(DaemonThreads.start(
                    "warm-up-" + i, new WarmUpConnection(address, requests, stop::get, answered, refused)));
        }
        int windowSamples = (int) (WINDOW.toMillis() / SAMPLE.toMillis());
        long[] compiled = new long[windowSamples + 1];
        boolean settled = false;
        try {
            for (int sample = 0; System.nanoTime() < deadline && !cancelled.getAsBoolean(); sample++) {
                Thread.sleep(SAMPLE.toMillis());
                long now = compileMillis.getAsLong();
                long windowStart = compiled[(sample + 1) % compiled.length];
                compiled[sample % compiled.length] = now;
                log.debug("warm-up: {} answered, {} ms compiling so far", answered.sum(), now);
                boolean longEnough = System.nanoTime() - start >= MINIMUM.toNanos() && sample >= windowSamples;
                if (now >= 0 && longEnough && now - windowStart <= SETTLED_COMPILE_MS) {
                    settled = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop.set(true);
        }
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(11).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Result(answered.sum(), refused.sum(), Duration.ofNanos(System.nanoTime() - start), settled);
    }

    /** Total compilation time of the JIT compilers in ms, or -1 when this JVM does not say. */
    private static LongSupplier compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return () -> -1;
        }
        return jit::getTotalCompilationTime;
    }

    /**
     * The rotation each connection sends: a few shapes of single events (strings, numbers,
     * booleans, nulls, nested objects and arrays, so the parser's branches are all taken) and a
     * batch of {@link #BATCH_EVENTS}, the two ways clients write.
     */
    static List<byte[]> requests(String hostPort) {
        List<String> singles = List.of(
                "{\"level\":\"INFO\",\"service\":\"checkout\",\"message\":\"order placed\",\"order_id\":81723,"
                        + "\"latency_ms\":12.5,\"user\":{\"id\":991,\"plan\":\"pro\"}}",
                "{\"level\":\"WARN\",\"service\":\"search\",\"message\":\"slow query \\u00e9\",\"took_ms\":740,"
                        + "\"cached\":false,\"tags\":[\"db\",\"p95\"],\"trace\":null}",
                "{\"level\":\"ERROR\",\"service\":\"payments\",\"message\":\"card declined\",\"code\":-402,"
                        + "\"amount\":1999.99,\"retry\":true,\"attempts\":[1,2,3]}");
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < BATCH_EVENTS; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"level\":\"INFO\",\"service\":\"checkout\",\"message\":\"order placed\",\"order_id\":")
                    .append(i)
                    .append(",\"latency_ms\":12.5}");
        }
        List<byte[]> rotation = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (String single : singles) {
                rotation.add(post(hostPort, single));
            }
        }
        rotation.add(post(hostPort, batch.append(']').toString()));
        return List.copyOf(rotation);
    }

    private static byte[] post(String hostPort, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /write HTTP/1.1\r\nHost: " + hostPort + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }
}
