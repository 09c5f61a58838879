package io.logtojee.mail.template.logto;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.template.ResolvedTemplate;
import io.logtojee.mail.template.TemplateOrigin;
import java.util.Objects;

/**
 * One of Logto's email templates ({@code GET /api/email-templates}), as far as sending uses it.
 * {@code replyTo} is left out: Logto's connectors ignore it too.
 *
 * @param languageTag e.g. {@code en} or {@code zh-CN}, as Logto stores it
 * @param templateType one of Logto's nine types, e.g. SignIn
 * @param subject the subject template
 * @param content the body template
 * @param format from {@code contentType}
 * @param sendFrom the sender name template, or null
 */
public record LogtoEmailTemplate(
    String languageTag,
    String templateType,
    String subject,
    String content,
    BodyFormat format,
    String sendFrom) {
  public LogtoEmailTemplate {
    Objects.requireNonNull(languageTag, "languageTag");
    Objects.requireNonNull(templateType, "templateType");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(format, "format");
  }

  ResolvedTemplate resolved() {
    return new ResolvedTemplate(
        templateType, languageTag, subject, content, format, sendFrom, TemplateOrigin.LOGTO);
  }

  /** Leaves out the texts. */
  @Override
  public String toString() {
    return "LogtoEmailTemplate[" + templateType + ", " + languageTag + "]";
  }
}
