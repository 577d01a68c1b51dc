package dev.sluice.engine.warmup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * One keep-alive HTTP/1.1 connection that sends a fixed rotation of requests, one at a time, until
 * told to stop: wrk's loop, in a few lines of code. Not an HTTP client library on purpose: the JIT
 * compiles whatever runs during the warm-up, and a client's own code would take compiler time and
 * CPU from the server path it is there to warm.
 *
 * <p>Concurrency: one thread per connection; the counters are shared.
 */
final class WarmUpConnection implements Runnable {
    private static final int MAX_HEAD_BYTES = 8192;

    private final InetSocketAddress target;
    private final List<byte[]> requests;
    private final BooleanSupplier stopped;
    private final LongAdder answered;
    private final LongAdder refused;

    WarmUpConnection(
            InetSocketAddress target,
            List<byte[]> requests,
            BooleanSupplier stopped,
            LongAdder answered,
            LongAdder refused) {
        this.target = target;
        this.requests = requests;
        this.stopped = stopped;
        this.answered = answered;
        this.refused = refused;
    }

    @Override
    public void run() {
        int next = 0;
        while (!stopped.getAsBoolean()) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(target, 2000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                boolean open = true;
                while (open && !stopped.getAsBoolean()) {
                    out.write(requests.get(next));
                    out.flush();
                    next = (next + 1) % requests.size();
                    open = readResponse(in);
                }
            } catch (IOException e) {
                // a refused connection or a timeout: the warm-up is best effort, try again unless stopped
                refused.increment();
                pause();
            }
        }
    }

    /** Reads one response; false when the server closes the connection after it. */
    private boolean readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        long length = 0;
        boolean close = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        in.skipNBytes(length);
        if (status / 100 == 2) {
            answered.increment();
        } else {
            refused.increment();
        }
        return !close;
    }

    private static String readHead(InputStream in) throws IOException {
        byte[] head = new byte[MAX_HEAD_BYTES];
        int n = 0;
        while (n < 4 || head[n - 4] != '\r' || head[n - 3] != '\n' || head[n - 2] != '\r' || head[n - 1] != '\n') {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (n == head.length) {
                throw new IOException("response head over " + MAX_HEAD_BYTES + " bytes");
            }
            head[n++] = (byte) b;
        }
        return new String(head, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
