package dev.sluice.loadgen;

import dev.sluice.loadgen.api.LoadModel;
import dev.sluice.loadgen.api.Request;
import dev.sluice.loadgen.api.RequestSource;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One I/O thread's share of a run: its connections, its part of the rate (open model) or its users
 * (closed model). A request goes out only on an idle connection; with none free, an open-model
 * request waits as debt in the {@link Pacer} and a closed-model user waits in {@code ready}, both
 * keeping their intended send time.
 *
 * <p>Concurrency: every method runs on {@code loop} (its {@code loadgen-io-N} thread), as do the
 * Netty handlers of its connections, so no field needs a guard. Other threads call in only through
 * {@code loop.execute(...)}.
 */
final class Worker {
    private static final long MAX_BACKOFF_MILLIS = 1000;

    final EventLoop loop;
    private final int index;
    private final RunContext run;
    private final Measurements m;
    private final Bootstrap bootstrap;
    private final List<Connection> open = new ArrayList<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<VirtualUser> ready = new ArrayDeque<>();
    private final List<VirtualUser> users = new ArrayList<>();
    private final long thinkMinNanos;
    private final long thinkMaxNanos;
    private boolean sending;
    private boolean closing;
    private Pacer pacer;
    private RequestSource source;
    private long wakeAt = Long.MAX_VALUE;
    private long usersCreated;
    private ScheduledFuture<?> sweep;

    Worker(int index, EventLoop loop, RunContext run) {
        this.index = index;
        this.loop = loop;
        this.run = run;
        this.m = run.measurements();
        this.thinkMinNanos = run.profile().thinkMin().toNanos();
        this.thinkMaxNanos = Math.max(thinkMinNanos, run.profile().thinkMax().toNanos());
        Worker self = this;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, run.connectTimeoutMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Connection(self));
                    }
                });
    }

    String name() {
        return "loadgen-io-" + index;
    }

    /** Starts {@code n} connects; the futures tell the caller whether the target is reachable at all. */
    List<ChannelFuture> connect(int n) {
        List<ChannelFuture> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(connectOne(50));
        }
        return futures;
    }

    private ChannelFuture connectOne(long backoffMillis) {
        ChannelFuture f = bootstrap.connect(run.target().address());
        f.addListener(done -> {
            if (!done.isSuccess() && !closing) {
                m.recordConnectFailure();
                loop.schedule(() -> reconnect(backoffMillis), backoffMillis, TimeUnit.MILLISECONDS);
            }
        });
        return f;
    }

    private void reconnect(long backoffMillis) {
        if (!closing) {
            connectOne(Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2));
        }
    }

    /** Starts sending: the pacer from now (open) or {@code initialUsers} users (closed). */
    void begin(double rateShare, int initialUsers) {
        sending = true;
        long now = System.nanoTime();
        if (run.model() == LoadModel.OPEN) {
            source = run.profile().newSource(run.seed() * 31 + index);
            pacer = new Pacer(now);
            pacer.setRate(rateShare, now);
        } else {
            setUsers(initialUsers);
        }
        long period = Math.max(10, Math.min(250, TimeUnit.NANOSECONDS.toMillis(run.requestTimeoutNanos()) / 10));
        sweep = loop.scheduleAtFixedRate(this::sweepTimeouts, period, period, TimeUnit.MILLISECONDS);
        pump();
    }

    void setRate(double rateShare) {
        if (pacer != null && sending) {
            pacer.setRate(rateShare, System.nanoTime());
            pump();
        }
    }

    void setUsers(int n) {
        while (users.size() < n) {
            long id = (long) index << 40 | usersCreated++;
            long userSeed = new SplittableRandom(run.seed() ^ id * 0x9E3779B97F4A7C15L).nextLong();
            VirtualUser u = new VirtualUser(run.profile().newSource(userSeed), new SplittableRandom(userSeed + 1));
            users.add(u);
            if (thinkMaxNanos == 0) {
                ready(u);
            } else {
                // spread new users over one think time, so 1000 users do not arrive in the same millisecond
                loop.schedule(() -> ready(u), u.rng.nextLong(thinkMaxNanos + 1), TimeUnit.NANOSECONDS);
            }
        }
        while (users.size() > n) {
            users.remove(users.size() - 1).retired = true;
        }
        pump();
    }

    /** No new requests from now; what is in flight finishes. Counts what an open run still owed. */
    void stopSending() {
        if (!sending) {
            return;
        }
        sending = false;
        if (pacer != null) {
            m.recordMissed(pacer.owed(System.nanoTime()));
        }
        users.forEach(u -> u.retired = true);
        ready.clear();
    }

    /** Closes every connection; no reconnects after this. */
    void closeAll() {
        closing = true;
        stopSending();
        if (sweep != null) {
            sweep.cancel(false);
        }
        new ArrayList<>(open).forEach(Connection::close);
    }

    void connected(Connection c) {
        if (closing) {
            c.close();
            return;
        }
        open.add(c);
        idle.add(c);
        pump();
    }

    void lost(Connection c) {
        open.remove(c);
        idle.remove(c);
        if (!closing) {
            connectOne(50);
        }
    }

    void answered(
            Connection c,
            int status,
            int events,
            long intended,
            long sent,
            long done,
            VirtualUser u,
            boolean reusable) {
        m.recordAnswer(index, status, events, intended, sent, done);
        if (reusable) {
            idle.add(c);
        }
        next(u, done);
        pump();
    }

    void failed(boolean timeout, VirtualUser u) {
        m.recordFailure(timeout);
        next(u, System.nanoTime());
    }

    private void next(VirtualUser u, long endedNanos) {
        if (u == null || u.retired || !sending) {
            return;
        }
        long think = thinkMaxNanos == 0 ? 0 : thinkMinNanos + u.rng.nextLong(thinkMaxNanos - thinkMinNanos + 1);
        if (think == 0) {
            ready(u);
            return;
        }
        u.answeredNanos = endedNanos;
        loop.schedule(
                () -> {
                    m.thinkMillis.record(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - u.answeredNanos));
                    ready(u);
                },
                think,
                TimeUnit.NANOSECONDS);
    }

    private void ready(VirtualUser u) {
        if (u.retired || !sending) {
            return;
        }
        u.readyNanos = System.nanoTime();
        ready.add(u);
        pump();
    }

    /** Sends while there are idle connections and due work. */
    private void pump() {
        if (run.model() == LoadModel.OPEN) {
            pumpOpen();
        } else {
            pumpClosed();
        }
    }

    private void pumpOpen() {
        while (sending && !idle.isEmpty()) {
            long now = System.nanoTime();
            long due = pacer.next();
            if (due > now) {
                wakeAt(due, now);
                return;
            }
            if (!run.claim()) {
                return;
            }
            send(idle.poll(), source.next(), pacer.take(), null, now);
        }
    }

    private void pumpClosed() {
        while (sending && !idle.isEmpty()) {
            VirtualUser u = ready.poll();
            if (u == null) {
                return;
            }
            if (u.retired) {
                continue;
            }
            if (!run.claim()) {
                return;
            }
            send(idle.poll(), u.source.next(), u.readyNanos, u, System.nanoTime());
        }
    }

    private void wakeAt(long due, long now) {
        if (due == Long.MAX_VALUE || due >= wakeAt) {
            return;
        }
        wakeAt = due;
        loop.schedule(
                () -> {
                    wakeAt = Long.MAX_VALUE;
                    pump();
                },
                due - now,
                TimeUnit.NANOSECONDS);
    }

    private void send(Connection c, Request r, long intended, VirtualUser u, long now) {
        ByteBuf buf = RequestEncoder.encode(c.alloc(), run.target(), r);
        m.recordSent(intended, now, r.events());
        c.send(buf, intended, now, r.events(), u);
    }

    private void sweepTimeouts() {
        long now = System.nanoTime();
        for (Connection c : new ArrayList<>(open)) {
            c.checkTimeout(now, run.requestTimeoutNanos());
        }
    }
}
