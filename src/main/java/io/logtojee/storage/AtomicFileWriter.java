package io.logtojee.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that readers, and a crash at any moment, see either the old or the new content
 * in full: temp file in the same directory, fsync, atomic rename, fsync of the directory.
 *
 * <p>If the file system cannot rename atomically the write is refused rather than degraded to a
 * copy, which could leave half a file behind.
 */
public final class AtomicFileWriter {
  /** The final rename; replaced in tests to simulate failures. */
  public interface Mover {
    void move(Path source, Path target) throws IOException;
  }

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Mover mover;

  public AtomicFileWriter() {
    this((source, target) -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE));
  }

  public AtomicFileWriter(Mover mover) {
    this.mover = mover;
  }

  /**
   * Writes {@code content} to {@code target}, readable and writable by the owner only where the
   * file system has POSIX permissions.
   *
   * @throws java.nio.file.AtomicMoveNotSupportedException when an atomic rename is impossible
   */
  public void write(Path target, byte[] content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temp =
        Files.createTempFile(
            directory, "." + absolute.getFileName() + ".", ".tmp", ownerOnlyAttributes());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      mover.move(temp, absolute);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    syncDirectory(directory);
  }

  private static FileAttribute<?>[] ownerOnlyAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static void syncDirectory(Path directory) {
    // Makes the rename itself durable on Linux; other systems cannot open a directory, and the
    // rename is already atomic there, so a failure here is not an error.
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }
}
