package dev.bulwark.vuln.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a database directory's writers ({@code db update}, {@code db import}) hold, so two of them never build on
 * the same old file and the later rename silently drops the other's records. An OS file lock: released when the
 * process dies, however it dies. Readers do not take it (the file is only ever replaced by a rename).
 */
public final class DbLock implements AutoCloseable {
  public static final String NAME = ".lock";
  private final FileChannel channel;
  private final FileLock lock;

  private DbLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code dir} (created when missing), or fails in words at once when another writer holds it. */
  public static DbLock acquire(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      throw new IOException("another bulwark db update or import is writing " + dir + "; try again when it has finished");
    }
    return new DbLock(ch, lock);
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
