package dev.sluice.loadgen;

import dev.sluice.loadgen.api.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/** Writes a {@link Request} as HTTP/1.1 bytes into one pooled buffer: one write per request. */
final class RequestEncoder {
    private RequestEncoder() {}

    static ByteBuf encode(ByteBufAllocator alloc, Target t, Request r) {
        int bodyLength = r.body() == null ? 0 : r.body().length;
        ByteBuf buf = alloc.ioBuffer(160
                + t.pathPrefix().length()
                + r.path().length()
                + t.extraHeaders().length()
                + bodyLength);
        ByteBufUtil.writeAscii(buf, r.method());
        buf.writeByte(' ');
        ByteBufUtil.writeAscii(buf, t.pathPrefix());
        ByteBufUtil.writeAscii(buf, r.path());
        ByteBufUtil.writeAscii(buf, " HTTP/1.1\r\nHost: ");
        ByteBufUtil.writeAscii(buf, t.hostHeader());
        ByteBufUtil.writeAscii(buf, "\r\nUser-Agent: sluice-loadgen\r\n");
        ByteBufUtil.writeAscii(buf, t.extraHeaders());
        if (r.body() != null) {
            ByteBufUtil.writeAscii(buf, "Content-Type: application/json\r\nContent-Length: ");
            ByteBufUtil.writeAscii(buf, Integer.toString(bodyLength));
            ByteBufUtil.writeAscii(buf, "\r\n\r\n");
            buf.writeBytes(r.body());
        } else {
            ByteBufUtil.writeAscii(buf, "\r\n");
        }
        return buf;
    }
}
