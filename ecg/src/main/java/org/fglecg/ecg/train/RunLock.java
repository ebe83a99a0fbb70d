package org.fglecg.ecg.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one writer of a run directory: an exclusive lock on {@code DIR/writer.lock}, holding the
 * writer's process id. The operating system drops the lock when the process ends, however it
 * ends (kill -9 included), so a stale file never blocks a resume. Readers take no lock: every
 * file is replaced atomically, so they see one committed version or the next.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (creating it) for this process, or refuses naming the holder. */
    public static RunLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw held(dir, "this process (pid " + ProcessHandle.current().pid() + ")");
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot lock run directory " + dir + " (" + file + "): " + e.getMessage(), e);
        }
        if (lock == null) {
            String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            ch.close();
            throw held(dir, pid.matches("\\d+") ? "process " + pid : "another process");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new RunLock(ch, lock);
    }

    private static IOException held(Path dir, String holder) {
        return new IOException("run directory " + dir + " is being written by " + holder
                + ": only one writer at a time (wait for it or stop it; fgl compare and fgl evaluate may read meanwhile)");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
