package io.logtojee.mail.config;

import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/** A {@link MailConfigStore} without a file, for tests and for deployments fed by other means. */
public final class InMemoryMailConfigStore implements MailConfigStore {
  private static final Logger LOG = Logger.getLogger(InMemoryMailConfigStore.class.getName());
  private static final String NOT_CONFIGURED = "mail is not configured";

  private final MailConfigLoader loader;
  private final Object writeLock = new Object();
  private volatile MailConfigSnapshot current;

  /**
   * @param initial the starting config, validated here; null for none
   */
  public InMemoryMailConfigStore(MailConfigLoader loader, AliyunDmConfig initial) {
    this.loader = Objects.requireNonNull(loader, "loader");
    if (initial == null) {
      current =
          MailConfigSnapshot.disabled(
              ConfigRevisions.etagOf(new byte[0]), NOT_CONFIGURED, List.of());
    } else {
      List<ConfigViolation> violations = loader.validate(initial);
      String etag = ConfigRevisions.etagOf(loader.toJson(initial));
      if (violations.isEmpty()) {
        current = MailConfigSnapshot.active(initial, etag);
      } else {
        violations.forEach(v -> LOG.warning("mail configuration violation: " + v));
        current = MailConfigSnapshot.disabled(etag, "mail configuration is invalid", violations);
      }
    }
  }

  @Override
  public MailConfigSnapshot snapshot() {
    return current;
  }

  @Override
  public MailConfigSnapshot replace(AliyunDmConfig candidate, String ifMatch) {
    Objects.requireNonNull(candidate, "candidate");
    synchronized (writeLock) {
      MailConfigSnapshot before = current;
      ConfigRevisions.checkPrecondition(ifMatch, before.etag(), before.available());
      AliyunDmConfig merged = candidate.withSecretsFrom(before.config());
      List<ConfigViolation> violations = loader.validate(merged);
      if (!violations.isEmpty()) {
        throw new InvalidMailConfigException(violations);
      }
      current = MailConfigSnapshot.active(merged, ConfigRevisions.etagOf(loader.toJson(merged)));
      LOG.info(
          "mail configuration replaced; changed: "
              + MailConfigView.changedFields(before.config(), merged));
      return current;
    }
  }
}
