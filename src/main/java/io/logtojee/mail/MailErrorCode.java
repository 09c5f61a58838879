package io.logtojee.mail;

import io.logtojee.error.ErrorCode;

/**
 * Why a mail operation failed, independent of the transport and of HTTP. The REST edge maps each
 * code to a status; {@link #wireName()} is the stable value it puts in error bodies.
 */
public enum MailErrorCode implements ErrorCode {
  /** The request body is missing a required field or has the wrong shape. */
  INVALID_REQUEST("invalid_request"),
  /** The caller did not present the configured Authorization value. */
  UNAUTHORIZED("unauthorized"),
  /** {@code to} is not exactly one acceptable address, or the provider refused the address. */
  INVALID_RECIPIENT("invalid_recipient"),
  /** No template matches the type, and there is no Generic template either. */
  TEMPLATE_NOT_FOUND("template_not_found"),
  /** One of our own send limits, or the provider's flow control, refused the mail. */
  RATE_LIMITED("rate_limited"),
  /** Mail is switched off because no valid configuration is loaded. */
  MAIL_DISABLED("mail_disabled"),
  /**
   * The provider refused the active configuration at send time (unknown key, wrong secret, unknown
   * sender address, missing permission).
   */
  INVALID_CONFIG("invalid_config"),
  /** The provider refused this particular mail (spam filter, malformed field). Not retried. */
  PROVIDER_REJECTED("provider_rejected"),
  /** The provider could not be reached or answered with a server error, even after one retry. */
  PROVIDER_UNAVAILABLE("provider_unavailable"),
  /**
   * The request may have reached the provider, but no definite answer came back (read timeout,
   * reset after sending). Never retried automatically, because the mail may already be on its way.
   */
  OUTCOME_UNKNOWN("outcome_unknown"),
  /** A submitted configuration breaks the rules; the exception lists every violation. */
  CONFIG_VIOLATIONS("config_violations"),
  /** A configuration update came without the version it was based on (If-Match). */
  CONFIG_PRECONDITION_REQUIRED("precondition_required"),
  /** A configuration update was based on a version that is no longer current. */
  CONFIG_PRECONDITION_FAILED("precondition_failed"),
  /**
   * The store the nodes share (send counters, configuration) cannot be reached: nothing was sent or
   * saved. Limits fail closed, so no mail goes out uncounted.
   */
  STATE_STORE_UNAVAILABLE("state_store_unavailable"),
  /** The configuration could not be written safely; the old one stays active. */
  CONFIG_WRITE_FAILED("config_write_failed");

  private final String wireName;

  MailErrorCode(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
