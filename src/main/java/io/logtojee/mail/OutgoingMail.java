package io.logtojee.mail;

import java.util.Objects;

/**
 * A rendered mail, ready for a transport. Its {@link #toString()} leaves out the subject and body,
 * because the body carries the one-time code.
 *
 * @param to the single recipient
 * @param subject one line, already free of control characters
 * @param htmlBody the HTML body, with every placeholder value escaped
 * @param fromAlias the display name, or null for none
 */
public record OutgoingMail(Recipient to, String subject, String htmlBody, String fromAlias) {
  public OutgoingMail {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(htmlBody, "htmlBody");
  }

  @Override
  public String toString() {
    return "OutgoingMail[to=" + to.masked() + "]";
  }
}
