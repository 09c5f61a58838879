package io.logtojee.web;

import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the container's working directory for this application private to the server's user.
 *
 * <p>Tomcat writes the sessions there on a clean stop (SESSIONS.ser), and each session holds the
 * user's refresh token. The file gets the mode of the server's umask, which is 0027 under
 * catalina.sh but often 0022 under service managers and launchers: closing the directory keeps the
 * file from other users whatever that umask is.
 */
public final class WorkDirectory {

  private static final Logger LOG = Logger.getLogger(WorkDirectory.class.getName());

  private WorkDirectory() {}

  /** The servlet context's private work directory, where the container also persists sessions. */
  public static Path of(ServletContext context) {
    if (context.getAttribute(ServletContext.TEMPDIR) instanceof File directory) {
      return directory.toPath();
    }
    throw new IllegalStateException("The container gives this application no work directory");
  }

  /** Applies {@link #restrictToOwner(Path)} to the servlet context's temporary directory. */
  public static void restrictToOwner(ServletContext context) {
    if (context.getAttribute(ServletContext.TEMPDIR) instanceof File directory) {
      restrictToOwner(directory.toPath());
    }
  }

  /**
   * Sets {@code rwx------} on {@code directory} where the file system has POSIX modes.
   *
   * @return whether the mode was set
   */
  static boolean restrictToOwner(Path directory) {
    if (!Files.isDirectory(directory)
        || Files.getFileAttributeView(directory, PosixFileAttributeView.class) == null) {
      return false;
    }
    try {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
      return true;
    } catch (IOException | SecurityException e) {
      LOG.log(
          Level.WARNING,
          "Could not make the work directory {0} private; persisted sessions may be readable by"
              + " other users ({1})",
          new Object[] {directory, e.toString()});
      return false;
    }
  }
}
