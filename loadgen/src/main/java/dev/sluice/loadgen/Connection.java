package dev.sluice.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keep-alive HTTP/1.1 connection with at most one request in flight (no pipelining, like wrk).
 * Answers are read by a {@link ResponseParser} that skips bodies as they stream in, so a
 * connection's memory stays at Netty's read buffer.
 *
 * <p>Concurrency: a Netty handler; every method runs on the channel's event loop, which is also
 * the owning {@link Worker}'s, so fields need no guard.
 */
final class Connection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final Worker worker;
    private final ResponseParser parser = new ResponseParser();
    private Channel channel;
    private boolean busy;
    private long intendedNanos;
    private long sentNanos;
    private int events;
    private VirtualUser user;

    Connection(Worker worker) {
        this.worker = worker;
    }

    ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** Writes a request; the buffer is released by the transport. */
    void send(ByteBuf request, long intended, long sent, int eventCount, VirtualUser forUser) {
        busy = true;
        intendedNanos = intended;
        sentNanos = sent;
        events = eventCount;
        user = forUser;
        parser.reset();
        channel.writeAndFlush(request, channel.voidPromise());
    }

    /** Ends the request in flight as a timeout when it is older than {@code timeoutNanos}. */
    void checkTimeout(long nowNanos, long timeoutNanos) {
        if (busy && nowNanos - sentNanos > timeoutNanos) {
            busy = false;
            worker.failed(true, user);
            // the late answer may still come; only a fresh connection is safe to reuse
            channel.close();
        }
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        worker.connected(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!busy) {
                // bytes nobody asked for: the connection is out of step, start a fresh one
                ctx.close();
                return;
            }
            if (parser.feed(in)) {
                complete(ctx);
            }
        } catch (IllegalStateException e) {
            exceptionCaught(ctx, e);
        } finally {
            in.release();
        }
    }

    private void complete(ChannelHandlerContext ctx) {
        busy = false;
        long done = System.nanoTime();
        VirtualUser u = user;
        user = null;
        boolean reusable = !parser.closeAfter();
        worker.answered(this, parser.status(), events, intendedNanos, sentNanos, done, u, reusable);
        if (!reusable) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (busy && parser.readsUntilClose()) {
            // an HTTP/1.0-style answer without a length ends when the server closes
            complete(ctx);
        } else if (busy) {
            busy = false;
            worker.failed(false, user);
        }
        worker.lost(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // resets and malformed answers are counted as connection errors when the channel goes inactive
        if (log.isDebugEnabled()) {
            log.debug(
                    "{} - connection to {} failed: {}",
                    worker.name(),
                    ctx.channel().remoteAddress(),
                    cause.toString());
        }
        ctx.close();
    }
}
