package io.logtojee.mail.sending;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.Recipient;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.TransportKind;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The log lines of {@link MailService}: one per send, saying whether it was refused, sent, failed
 * or ended with an unknown outcome.
 *
 * <p>They live in one place so what may be logged can be checked in one place: the masked address,
 * the template type, the client IP (cleaned), our error code and the provider's Code, EnvId and
 * RequestId. Never the one-time code, the subject or body, a secret or the full address.
 */
final class MailSendLog {
  // MailService's name, so existing logging configuration still applies to these lines.
  private static final Logger LOG = Logger.getLogger(MailService.class.getName());

  private static final Pattern UNSAFE_FOR_LOG = Pattern.compile("[^A-Za-z0-9.:_\\-\\[\\]]");

  private MailSendLog() {}

  /** Refused before any provider call: disabled, no transport, no template. */
  static void refused(MailErrorCode code, String type, Recipient recipient) {
    LOG.warning(
        () ->
            "mail refused: code="
                + code.wireName()
                + " type="
                + type
                + " to="
                + recipient.masked());
  }

  /** Refused by the send limits, before any provider call. */
  static void limited(MailException error, String type, Recipient recipient, String ip) {
    LOG.warning(
        () ->
            "mail refused: code="
                + error.code().wireName()
                + " type="
                + type
                + " to="
                + recipient.masked()
                + " ip="
                + loggable(ip)
                + " retryAfter="
                + error.retryAfter().map(d -> d.toSeconds() + "s").orElse("-"));
  }

  /** The request's {@code ip} is not an IP address; the send gets no per-IP limit. */
  static void unreadableIp(String type, Recipient recipient, String ip) {
    LOG.warning(
        () ->
            "mail ip ignored, not an IP address (no per-IP limit): type="
                + type
                + " to="
                + recipient.masked()
                + " ip="
                + loggable(ip));
  }

  /** The provider accepted the mail. */
  static void sent(
      String type,
      Recipient recipient,
      TransportKind transport,
      SendReceipt receipt,
      long startedNanos) {
    LOG.info(
        () ->
            "mail sent: type="
                + type
                + " to="
                + recipient.masked()
                + " transport="
                + transport.configName()
                + " envId="
                + receipt.envId()
                + " requestId="
                + receipt.requestId()
                + " ms="
                + elapsedMillis(startedNanos));
  }

  /**
   * The transport reported a failure, possibly an unknown outcome; {@code counted} says whether the
   * send counts against the limits because the mail may have gone out.
   */
  static void notSent(MailException error, String type, Recipient recipient, long startedNanos) {
    LOG.warning(
        () ->
            "mail not sent: code="
                + error.code().wireName()
                + " providerCode="
                + error.providerCode().orElse("-")
                + " requestId="
                + error.providerRequestId().orElse("-")
                + " type="
                + type
                + " to="
                + recipient.masked()
                + " ms="
                + elapsedMillis(startedNanos)
                + " counted="
                + (error.mayHaveBeenSent() ? "yes" : "no"));
  }

  /** The transport failed in a way it should not; the stack trace is for whoever fixes it. */
  static void unexpected(RuntimeException error, String type, Recipient recipient) {
    LOG.log(
        Level.SEVERE,
        "mail outcome unknown after an unexpected error: type="
            + type
            + " to="
            + recipient.masked(),
        error);
  }

  /** An IP address as logged: only characters an IP can contain, at most 64 of them. */
  static String loggable(String ip) {
    if (ip == null) {
      return "-";
    }
    String cleaned = UNSAFE_FOR_LOG.matcher(ip).replaceAll("?");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
