package io.logtojee.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A mail operation failed for the reason in {@link #code()}. The message is safe to show to the
 * caller: it never holds a code, a secret, a full address or the provider's raw message.
 */
public class MailException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final MailErrorCode code;
  private final String providerRequestId;
  private final String providerCode;
  private final Duration retryAfter;

  public MailException(MailErrorCode code, String message) {
    this(code, message, null, null, null, null);
  }

  public MailException(MailErrorCode code, String message, Throwable cause) {
    this(code, message, null, null, null, cause);
  }

  public MailException(
      MailErrorCode code,
      String message,
      String providerCode,
      String providerRequestId,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.providerCode = providerCode;
    this.providerRequestId = providerRequestId;
    this.retryAfter = retryAfter;
  }

  public MailErrorCode code() {
    return code;
  }

  /** The provider's RequestId, when the provider answered; worth quoting to its support. */
  public Optional<String> providerRequestId() {
    return Optional.ofNullable(providerRequestId);
  }

  /** The provider's error Code, such as {@code InvalidSendMail.Spam}, when it gave one. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /**
   * How long the caller should wait before trying again, for {@link MailErrorCode#RATE_LIMITED}.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
