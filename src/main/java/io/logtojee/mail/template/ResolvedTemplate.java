package io.logtojee.mail.template;

import io.logtojee.mail.BodyFormat;
import java.util.Objects;

/**
 * The template chosen for one mail, not yet rendered, whichever source it came from.
 *
 * @param usageType the type of the chosen template, which may be Generic for another requested type
 * @param languageTag the chosen template's language, or null for a configuration template without
 *     one
 * @param subject the subject template
 * @param content the body template
 * @param format HTML or plain text
 * @param sendFrom a sender name template that replaces the configured display name, or null
 * @param origin Logto or the configuration
 */
public record ResolvedTemplate(
    String usageType,
    String languageTag,
    String subject,
    String content,
    BodyFormat format,
    String sendFrom,
    TemplateOrigin origin) {
  public ResolvedTemplate {
    Objects.requireNonNull(usageType, "usageType");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(origin, "origin");
  }

  /** Leaves out the texts: an admin's template is not log material. */
  @Override
  public String toString() {
    return "ResolvedTemplate[" + usageType + ", " + languageTag + ", " + origin.wireName() + "]";
  }
}
