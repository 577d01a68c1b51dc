package dev.sluice.loadgen;

import dev.sluice.loadgen.api.LoadGeneratorException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where requests go: a resolved address, the {@code Host} header, the path prefix the
 * profiles' paths are appended to, and the header lines every request carries besides
 * ({@code extraHeaders}: each ends in CRLF; empty for none).
 */
record Target(URI uri, InetSocketAddress address, String hostHeader, String pathPrefix, String extraHeaders) {

    /** A target without extra headers. */
    static Target of(URI uri) {
        return of(uri, null);
    }

    /**
     * Resolves the host once, so no request ever waits on DNS.
     *
     * @param bearerToken sent as {@code Authorization: Bearer} on every request; null for none
     */
    static Target of(URI uri, String bearerToken) {
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        InetAddress ip;
        try {
            ip = InetAddress.getByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new LoadGeneratorException("cannot resolve host '" + uri.getHost() + "' of " + uri);
        }
        String prefix = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + port;
        String extra = bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n";
        return new Target(uri, new InetSocketAddress(ip, port), host, prefix, extra);
    }
}
