package io.logtojee.mail.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The configuration as the admin API may show it: every setting except the secrets, which appear
 * only as "is set" flags. Secrets are write-only.
 */
public record MailConfigView(
    String accessKeyId,
    boolean accessKeySecretSet,
    String accountName,
    String fromAlias,
    String regionId,
    List<MailTemplate> templates,
    String transport,
    boolean smtpPasswordSet,
    String endpoint) {

  public static MailConfigView of(AliyunDmConfig config) {
    return new MailConfigView(
        config.accessKeyId(),
        isSet(config.accessKeySecret()),
        config.accountName(),
        config.fromAlias(),
        config.regionId(),
        config.templates(),
        config.transport(),
        isSet(config.smtpPassword()),
        config.endpoint());
  }

  /**
   * The names of the settings that differ between two configs, for the audit log; values are never
   * included. A null {@code before} counts every non-null setting of {@code after} as changed.
   */
  public static List<String> changedFields(AliyunDmConfig before, AliyunDmConfig after) {
    List<String> changed = new ArrayList<>();
    compare(
        changed, "accessKeyId", before == null ? null : before.accessKeyId(), after.accessKeyId());
    compare(
        changed,
        "accessKeySecret",
        before == null ? null : before.accessKeySecret(),
        after.accessKeySecret());
    compare(
        changed, "accountName", before == null ? null : before.accountName(), after.accountName());
    compare(changed, "fromAlias", before == null ? null : before.fromAlias(), after.fromAlias());
    compare(changed, "regionId", before == null ? null : before.regionId(), after.regionId());
    compare(changed, "templates", before == null ? null : before.templates(), after.templates());
    compare(changed, "transport", before == null ? null : before.transport(), after.transport());
    compare(
        changed,
        "smtpPassword",
        before == null ? null : before.smtpPassword(),
        after.smtpPassword());
    compare(changed, "endpoint", before == null ? null : before.endpoint(), after.endpoint());
    return changed;
  }

  private static void compare(List<String> changed, String name, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changed.add(name);
    }
  }

  private static boolean isSet(String secret) {
    return secret != null && !secret.isEmpty();
  }
}
