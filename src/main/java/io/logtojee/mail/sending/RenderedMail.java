package io.logtojee.mail.sending;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.template.ResolvedTemplate;

/**
 * A template filled in with a payload, as the sender hands it to the transport; also what the admin
 * console's preview shows, so the preview cannot drift from what is sent.
 *
 * @param template the template that was rendered
 * @param subject the rendered subject, one line, shortened to DirectMail's limit
 * @param body the rendered body: HTML with the values escaped, or plain text
 * @param format HTML or plain text
 * @param fromAlias the sender name, or null for none
 */
public record RenderedMail(
    ResolvedTemplate template, String subject, String body, BodyFormat format, String fromAlias) {

  /** Leaves out the texts, as {@link ResolvedTemplate} does. */
  @Override
  public String toString() {
    return "RenderedMail[" + template + "]";
  }
}
