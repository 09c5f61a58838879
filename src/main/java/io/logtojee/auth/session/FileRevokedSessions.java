package io.logtojee.auth.session;

import io.logtojee.auth.session.InMemoryRevokedSessions.Revocation;
import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.storage.AtomicFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * The logouts of a single node, kept in a file beside the persisted sessions, so that a session
 * Logto ended does not come back with a restart: each logout is written before it is acknowledged,
 * and the file is read at start-up. One line per logout: kind, id (base64url) and the moment it
 * arrived.
 */
public final class FileRevokedSessions implements RevokedSessions {

  private static final Logger LOG = Logger.getLogger(FileRevokedSessions.class.getName());

  private final InMemoryRevokedSessions memory;
  private final Path file;
  private final AtomicFileWriter writer = new AtomicFileWriter();

  /**
   * @param memory the logouts in memory, which this store fills from {@code file} first
   * @param file where the logouts are kept; readable by the owner only
   */
  public FileRevokedSessions(InMemoryRevokedSessions memory, Path file) {
    this.memory = memory;
    this.file = file;
    memory.restore(read(file));
  }

  /**
   * Records the logout in memory and in the file.
   *
   * @throws UncheckedIOException when the file cannot be written: the logout is then not
   *     acknowledged, so Logto will report it failed
   */
  @Override
  public synchronized void revoke(LogoutRequest logout) {
    memory.revoke(logout);
    StringBuilder lines = new StringBuilder();
    for (Revocation entry : memory.entries()) {
      lines
          .append(entry.bySession() ? "sid" : "sub")
          .append(' ')
          .append(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(entry.id())))
          .append(' ')
          .append(entry.receivedAt())
          .append('\n');
    }
    try {
      writer.write(file, bytes(lines.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not record the logout in " + file, e);
    }
  }

  @Override
  public boolean isRevoked(String sub, String sid, Instant signedInAt) {
    return memory.isRevoked(sub, sid, signedInAt);
  }

  private static List<Revocation> read(Path file) {
    List<Revocation> entries = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && (parts[0].equals("sid") || parts[0].equals("sub"))) {
          entries.add(
              new Revocation(
                  parts[0].equals("sid"),
                  new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8),
                  Instant.parse(parts[2])));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning("Could not read the recorded logouts in " + file + ": " + e);
    }
    LOG.info("Read " + entries.size() + " recorded back-channel logout(s) from " + file);
    return entries;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
