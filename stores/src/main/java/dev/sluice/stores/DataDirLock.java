package dev.sluice.stores;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a data directory: an OS file lock on {@code sluice.lock}, which the
 * kernel drops when the owning JVM dies in any way (also {@code kill -9}), plus the owner's pid
 * written inside for the error message. Holding it means any server still running on the
 * directory was left behind by a dead process and may be stopped.
 *
 * <p>Concurrency: {@link #acquire} and {@link #close} may run on any thread. The JVM-wide
 * {@code HELD} set is checked before the file is opened, because POSIX drops all of a process's
 * locks on a file when it closes <em>any</em> descriptor of that file: a second in-JVM attempt
 * must never open and close the lock file.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE_NAME = "sluice.lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock without waiting; throws {@link StoreStartException} naming the live owner. */
    static DataDirLock acquire(Path dataDir) {
        Path dir = realPath(dataDir);
        long self = ProcessHandle.current().pid();
        if (!HELD.add(dir)) {
            throw inUse(dir, self);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(
                    dir.resolve(FILE_NAME),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw inUse(dir, owner(read(ch)).map(Owner::pid).orElse(-1L));
            }
            Optional<Owner> previous = owner(read(ch));
            // Only matters where file locks are not enforced (some network file systems).
            if (previous.isPresent() && previous.get().isAliveOtherThan(self)) {
                lock.release();
                throw inUse(dir, previous.get().pid());
            }
            write(ch, Owner.current());
            return new DataDirLock(dir, ch, lock);
        } catch (IOException e) {
            close(ch);
            HELD.remove(dir);
            throw new StoreStartException("cannot lock data directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(ch);
            HELD.remove(dir);
            throw e;
        }
    }

    /** Releases the lock and clears the owner record. Idempotent. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases the lock anyway.
        }
        close(channel);
        HELD.remove(dir);
    }

    /** The real path, so two spellings of one directory (a symlink) share one {@code HELD} entry. */
    private static Path realPath(Path dataDir) {
        Path abs = dataDir.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    private static StoreStartException inUse(Path dir, long pid) {
        String who = pid > 0 ? "running Sluice process " + pid : "another running Sluice process";
        return new StoreStartException("data directory " + dir + " is in use by " + who);
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static void write(FileChannel ch, Owner owner) throws IOException {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(owner.format().getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
    }

    private static Optional<Owner> owner(String text) {
        String[] parts = text.trim().split("\\s+");
        try {
            return parts.length >= 2
                    ? Optional.of(new Owner(Long.parseLong(parts[0]), Instant.parse(parts[1])))
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }

    /** pid plus start time, so a recycled pid is not mistaken for the owner. */
    private record Owner(long pid, Instant started) {
        static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
        }

        boolean isAliveOtherThan(long self) {
            if (pid == self) {
                return false;
            }
            if (!Processes.isRunning(pid)) {
                return false;
            }
            return ProcessHandle.of(pid)
                    .flatMap(h -> h.info().startInstant())
                    .map(s -> s.equals(started))
                    .orElse(false);
        }

        String format() {
            return pid + " " + started + "\n";
        }
    }
}
