package dev.sluice.engine.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Reads a request body with Servlet non-blocking IO: Jetty calls back as bytes arrive, so a client
 * that sends its body slowly holds no thread between its bytes. Jetty's minimum data rate check
 * runs on each read and its idle timeout ends a stalled body; both become 408 here.
 *
 * <p>Concurrency: {@link #read} must run once the servlet's async context is started (inside
 * Javalin's {@code ctx.future} supplier). The container calls the listener methods one at a time,
 * each on some Jetty thread; the future completes on one of them (or on the caller's thread when
 * the whole body was already there).
 */
final class BodyReader implements ReadListener {
    private final ServletInputStream in;
    private final int maxBodyBytes;
    private final ByteArrayOutputStream out;
    private final byte[] chunk = new byte[8192];
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();

    private BodyReader(ServletInputStream in, int maxBodyBytes, long declared) {
        this.in = in;
        this.maxBodyBytes = maxBodyBytes;
        this.out = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, maxBodyBytes) : 1024);
    }

    /**
     * Starts reading; never blocks. The future fails with a {@link Problem}: 413 over the limit,
     * 408 too slow, 400 when the body cannot be read (the client went away).
     */
    static CompletableFuture<byte[]> read(HttpServletRequest req, int maxBodyBytes) {
        long declared = req.getContentLengthLong();
        if (declared > maxBodyBytes) {
            return CompletableFuture.failedFuture(Problem.tooLarge("body is " + declared + " bytes; the limit is " + maxBodyBytes));
        }
        try {
            ServletInputStream in = req.getInputStream();
            BodyReader reader = new BodyReader(in, maxBodyBytes, declared);
            in.setReadListener(reader);
            return reader.body;
        } catch (IOException | RuntimeException e) {
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
                    body.completeExceptionally(Problem.tooLarge("body is over the limit of " + maxBodyBytes + " bytes"));
                    return;
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            body.completeExceptionally(toProblem(e));
        }
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
        while (cause.getCause() != null && !(cause instanceof BadMessageException) && !(cause instanceof TimeoutException)) {
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
