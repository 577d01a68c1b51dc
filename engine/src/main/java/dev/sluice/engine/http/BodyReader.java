package dev.sluice.engine.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Reads a request body with Servlet non-blocking IO: Jetty calls back as bytes arrive, so a client
 * that sends its body slowly holds no thread between its bytes. A body still arriving slower than
 * the minimum rate (averaged since reading began) gets 408 when its next bytes come; Jetty's idle
 * timeout ends a body that stops arriving, also 408. A body that has fully arrived is never "slow",
 * however long a busy server took to read it (Jetty's own rate check counted that wait too).
 *
 * <p>Concurrency: {@link #read} must run once the servlet's async context is started (inside
 * Javalin's {@code ctx.future} supplier). The container calls the listener methods one at a time,
 * each on some Jetty thread; the future completes on one of them (or on the caller's thread when
 * the whole body was already there).
 */
final class BodyReader implements ReadListener {
    private static final long GRACE_NANOS = 1_000_000_000L;
    private final ServletInputStream in;
    private final int maxBodyBytes;
    private final ByteArrayOutputStream out;
    private final byte[] chunk = new byte[8192];
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final int minBytesPerSec;
    private final long declared;
    private final LongSupplier nanoTime;
    private final long startedNanos;

    private BodyReader(
            ServletInputStream in, int maxBodyBytes, int minBytesPerSec, long declared, LongSupplier nanoTime) {
        this.in = in;
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
        this.maxBodyBytes = maxBodyBytes;
        this.minBytesPerSec = minBytesPerSec;
        this.declared = declared;
        this.out = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, maxBodyBytes) : 1024);
    }

    /**
     * Starts reading; never blocks. The future fails with a {@link Problem}: 413 over the limit,
     * 408 too slow, 400 when the body cannot be read (the client went away).
     *
     * @param minBytesPerSec slowest average rate of a body still arriving; 0 for no check
     */
    static CompletableFuture<byte[]> read(HttpServletRequest req, int maxBodyBytes, int minBytesPerSec) {
        try {
            return read(
                    req.getContentLengthLong(), req.getInputStream(), maxBodyBytes, minBytesPerSec, System::nanoTime);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(toProblem(e));
        }
    }

    /** As above, on a given stream and clock (tests). */
    static CompletableFuture<byte[]> read(
            long declared, ServletInputStream in, int maxBodyBytes, int minBytesPerSec, LongSupplier nanoTime) {
        if (declared > maxBodyBytes) {
            return CompletableFuture.failedFuture(
                    Problem.tooLarge("body is " + declared + " bytes; the limit is " + maxBodyBytes));
        }
        try {
            BodyReader reader = new BodyReader(in, maxBodyBytes, minBytesPerSec, declared, nanoTime);
            in.setReadListener(reader);
            return reader.body;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(toProblem(e));
        }
    }

    @Override
    public void onDataAvailable() {
        try {
            while (!body.isDone() && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return; // onAllDataRead follows
                }
                if (out.size() + n > maxBodyBytes) {
                    body.completeExceptionally(
                            Problem.tooLarge("body is over the limit of " + maxBodyBytes + " bytes"));
                    return;
                }
                out.write(chunk, 0, n);
            }
            if (!body.isDone() && tooSlow()) {
                body.completeExceptionally(new Problem(
                        408,
                        "Request Timeout",
                        String.format(
                                java.util.Locale.ROOT,
                                "the body arrived too slowly: %d bytes in %.1f s, under the minimum of %d bytes/s (--min-body-rate)",
                                out.size(),
                                (nanoTime.getAsLong() - startedNanos) / 1e9,
                                minBytesPerSec)));
            }
        } catch (IOException | RuntimeException e) {
            body.completeExceptionally(toProblem(e));
        }
    }

    /** Called while more of the body is awaited: has it arrived slower than the minimum rate? */
    private boolean tooSlow() {
        if (minBytesPerSec <= 0 || (declared >= 0 && out.size() >= declared)) {
            return false;
        }
        long elapsedNanos = nanoTime.getAsLong() - startedNanos;
        if (elapsedNanos < GRACE_NANOS) {
            return false; // the first packets of a body may carry only a few bytes
        }
        return out.size() < minBytesPerSec * (elapsedNanos / 1_000_000_000.0);
    }

    @Override
    public void onAllDataRead() {
        body.complete(out.toByteArray());
    }

    @Override
    public void onError(Throwable t) {
        body.completeExceptionally(toProblem(t));
    }

    private static Problem toProblem(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null
                && !(cause instanceof BadMessageException)
                && !(cause instanceof TimeoutException)) {
            cause = cause.getCause();
        }
        if (cause instanceof BadMessageException b && b.getCode() == 408) {
            return new Problem(408, "Request Timeout", "the body arrived too slowly: " + b.getReason());
        }
        if (cause instanceof BadMessageException b) {
            return new Problem(b.getCode(), Problems.reason(b.getCode()), "could not read the body: " + b.getReason());
        }
        if (cause instanceof TimeoutException) {
            return new Problem(408, "Request Timeout", "the body stopped arriving: " + cause.getMessage());
        }
        return Problem.badRequest("could not read the body: " + t.getMessage());
    }
}
