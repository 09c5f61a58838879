package io.logtojee.mail.config;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link MailConfigStore} backed by one JSON file, which holds the secrets and is therefore kept
 * readable by its owner only.
 *
 * <p>An invalid or missing file at start-up disables mail alone: {@link #snapshot()} then carries
 * the reason and every violation, each of which is also logged. Replacements are validated first,
 * then written atomically ({@link AtomicFileWriter}), then swapped in by reference; one writer at a
 * time.
 */
public final class FileMailConfigStore implements MailConfigStore {
  private static final Logger LOG = Logger.getLogger(FileMailConfigStore.class.getName());
  private static final Set<PosixFilePermission> GROUP_OR_OTHER =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /** The snapshot plus what only the store needs: whether a file exists, and its secrets. */
  private record State(
      MailConfigSnapshot snapshot, boolean fileExists, AliyunDmConfig secretSource) {}

  private final Path file;
  private final MailConfigLoader loader;
  private final AtomicFileWriter writer;
  private final Object writeLock = new Object();
  private volatile State state;

  /** Reads {@code file} at once; a problem with it disables mail but does not throw. */
  public FileMailConfigStore(Path file, MailConfigLoader loader) {
    this(file, loader, new AtomicFileWriter());
  }

  FileMailConfigStore(Path file, MailConfigLoader loader, AtomicFileWriter writer) {
    this.file = Objects.requireNonNull(file, "file");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.state = read();
  }

  /** Re-reads the file, e.g. after an operator edited it by hand, and returns the new state. */
  public MailConfigSnapshot reload() {
    synchronized (writeLock) {
      state = read();
      return state.snapshot();
    }
  }

  @Override
  public MailConfigSnapshot snapshot() {
    return state.snapshot();
  }

  @Override
  public MailConfigSnapshot replace(AliyunDmConfig candidate, String ifMatch) {
    Objects.requireNonNull(candidate, "candidate");
    synchronized (writeLock) {
      State before = state;
      ConfigRevisions.checkPrecondition(ifMatch, before.snapshot().etag(), before.fileExists());
      AliyunDmConfig merged = candidate.withSecretsFrom(before.secretSource());
      List<ConfigViolation> violations = loader.validate(merged);
      if (!violations.isEmpty()) {
        throw new InvalidMailConfigException(violations);
      }
      byte[] content = loader.toJson(merged);
      try {
        writer.write(file, content);
      } catch (AtomicMoveNotSupportedException e) {
        LOG.severe("mail configuration not written: " + file + " cannot be replaced atomically");
        throw new MailException(
            MailErrorCode.CONFIG_WRITE_FAILED,
            "The configuration file cannot be replaced atomically here; nothing was changed.",
            e);
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "mail configuration not written to " + file, e);
        throw new MailException(
            MailErrorCode.CONFIG_WRITE_FAILED,
            "The configuration file could not be written; nothing was changed.",
            e);
      }
      state =
          new State(
              MailConfigSnapshot.active(merged, ConfigRevisions.etagOf(content)), true, merged);
      LOG.info(
          "mail configuration replaced in "
              + file
              + "; changed: "
              + MailConfigView.changedFields(before.snapshot().config(), merged));
      return state.snapshot();
    }
  }

  private State read() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      LOG.warning("mail disabled: configuration file " + file + " not found");
      return new State(
          MailConfigSnapshot.disabled(
              ConfigRevisions.etagOf(new byte[0]), "mail configuration file not found", List.of()),
          false,
          null);
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "mail disabled: configuration file " + file + " cannot be read", e);
      return new State(
          MailConfigSnapshot.disabled(
              ConfigRevisions.etagOf(new byte[0]),
              "mail configuration file cannot be read",
              List.of()),
          Files.exists(file),
          null);
    }
    warnIfReadableByOthers();
    String etag = ConfigRevisions.etagOf(content);
    String json = new String(content, StandardCharsets.UTF_8);
    try {
      AliyunDmConfig config = loader.parse(json);
      LOG.info("mail configuration loaded from " + file);
      return new State(MailConfigSnapshot.active(config, etag), true, config);
    } catch (InvalidMailConfigException e) {
      LOG.severe(
          "mail disabled: configuration file "
              + file
              + " has "
              + e.violations().size()
              + " violation(s)");
      e.violations().forEach(v -> LOG.severe("mail configuration violation: " + v));
      return new State(
          MailConfigSnapshot.disabled(etag, "mail configuration is invalid", e.violations()),
          true,
          loader.secretsOfInvalid(json));
    }
  }

  private void warnIfReadableByOthers() {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = view.readAttributes().permissions();
      if (permissions.stream().anyMatch(GROUP_OR_OTHER::contains)) {
        LOG.warning(
            "mail configuration file "
                + file
                + " holds secrets but is accessible to group or others; chmod 600 it");
      }
    } catch (IOException e) {
      // the read above succeeded; a failing attribute read only loses the warning
    }
  }
}
