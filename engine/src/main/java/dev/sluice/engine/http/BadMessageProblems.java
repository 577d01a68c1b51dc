package dev.sluice.engine.http;

import dev.sluice.api.control.ControlJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The server's error handler: answers the messages Jetty refuses before they reach Javalin (request
 * line and headers over {@code --max-header}, a URI too long, a malformed request line or header)
 * with {@code application/problem+json} instead of Jetty's HTML page.
 *
 * <p>Only {@link #badMessageError} is changed. Requests that reach Javalin keep Javalin's own error
 * rendering ({@link Problems}); this handler's servlet-error path is Jetty's, which the engine never
 * takes because Javalin answers every request that reaches the servlet itself.
 *
 * <p>Called on a Jetty I/O thread; builds a small string and does not block.
 */
final class BadMessageProblems extends ErrorHandler {
    private final int maxHeaderBytes;

    BadMessageProblems(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, HttpApi.PROBLEM_JSON);
        String body = ControlJson.problem(status, Problems.reason(status), detail(status, reason));
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the client did wrong, naming the limit it crossed where there is one. */
    String detail(int status, String reason) {
        return switch (status) {
            case 431 -> "request line and headers are over the " + maxHeaderBytes + "-byte limit (--max-header)";
            case 414 ->
                "the request URI is over the " + maxHeaderBytes
                        + "-byte limit for request line and headers (--max-header)";
            default -> "the request could not be read as HTTP: " + (reason == null ? Problems.reason(status) : reason);
        };
    }
}
