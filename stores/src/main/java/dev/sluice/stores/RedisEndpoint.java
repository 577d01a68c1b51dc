package dev.sluice.stores;

/** How to reach Redis, as a {@code redis://} URI. {@code kind} is "embedded" or "external". */
public record RedisEndpoint(String uri, String kind) {

    /** The URI with any password replaced by {@code ****}: safe to print and log. */
    public String displayUrl() {
        // Works on the raw text: a decoded userinfo would miss a percent-encoded password.
        return StoreUrls.mask(uri);
    }

    @Override
    public String toString() {
        return "RedisEndpoint[" + displayUrl() + ", " + kind + "]";
    }
}
