package io.logtojee.mail;

import io.logtojee.error.CodedException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A mail operation failed for the reason in {@link #code()}. The message is safe to show to the
 * caller: it never holds a code, a secret, a full address or the provider's raw message.
 */
public class MailException extends CodedException {
  private static final long serialVersionUID = 1L;

  private final String providerRequestId;
  private final String providerCode;

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
    super(code, message, Map.of(), retryAfter, cause);
    this.providerCode = providerCode;
    this.providerRequestId = providerRequestId;
  }

  @Override
  public MailErrorCode code() {
    return (MailErrorCode) super.code();
  }

  /** The provider's RequestId, when there is one, so that an operator can quote it to support. */
  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = super.details();
    providerRequestId().ifPresent(id -> details.put("requestId", id));
    return details;
  }

  /** The provider's RequestId, when the provider answered; worth quoting to its support. */
  public Optional<String> providerRequestId() {
    return Optional.ofNullable(providerRequestId);
  }

  /** The provider's error Code, such as {@code InvalidSendMail.Spam}, when it gave one. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }
}
