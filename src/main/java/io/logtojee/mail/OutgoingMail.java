package io.logtojee.mail;

import java.util.Objects;

/**
 * A rendered mail, ready for a transport. Its {@link #toString()} leaves out the subject and body,
 * because the body carries the one-time code.
 *
 * @param to the single recipient
 * @param subject one line, already free of control characters
 * @param body the body; for HTML every placeholder value is escaped
 * @param format whether {@code body} is HTML or plain text
 * @param fromAlias the display name, or null for none
 */
public record OutgoingMail(
    Recipient to, String subject, String body, BodyFormat format, String fromAlias) {
  public OutgoingMail {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(format, "format");
  }

  /** An HTML mail, as every mail was before Logto's own templates could ask for plain text. */
  public OutgoingMail(Recipient to, String subject, String htmlBody, String fromAlias) {
    this(to, subject, htmlBody, BodyFormat.HTML, fromAlias);
  }

  @Override
  public String toString() {
    return "OutgoingMail[to=" + to.masked() + ", format=" + format + "]";
  }
}
