package dev.sluice.loadgen.api;

/**
 * One HTTP request a {@link Profile} wants sent.
 *
 * @param method GET or POST
 * @param path   path and query, appended to the plan's target (e.g. {@code /write})
 * @param body   JSON body, or {@code null} for none; sent as is, not copied: do not change it
 * @param events how many events the body carries (0 for a read)
 */
public record Request(String method, String path, byte[] body, int events) {
    public Request {
        Check.require("GET".equals(method) || "POST".equals(method), "method must be GET or POST, was '%s'", method);
        Check.require(path != null && path.startsWith("/"), "path must start with '/', was '%s'", path);
        Check.require(events >= 0, "events must be >= 0, was %d", events);
    }
}
