package io.logtojee.mail.template;

import java.util.List;

/**
 * Which template each kind of mail would get right now, for the admin console.
 *
 * @param logto how the Logto template source stands
 * @param rows one per template type and locale
 */
public record TemplateOverview(LogtoTemplatesStatus logto, List<Row> rows) {
  public TemplateOverview {
    rows = List.copyOf(rows);
  }

  /**
   * @param usageType the requested type
   * @param locale the payload's locale, or null for a payload without one
   * @param template the template such a mail gets, or null when it would be refused (no template)
   */
  public record Row(String usageType, String locale, ResolvedTemplate template) {}
}
