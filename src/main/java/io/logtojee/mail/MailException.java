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
  private final boolean mayHaveBeenSent;

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
    this(
        code,
        message,
        providerCode,
        providerRequestId,
        retryAfter,
        cause,
        code == MailErrorCode.OUTCOME_UNKNOWN);
  }

  /**
   * @param mayHaveBeenSent the request reached the provider and the mail may have gone out despite
   *     this failure (see {@link #mayHaveBeenSent()}); always true for {@link
   *     MailErrorCode#OUTCOME_UNKNOWN}
   */
  public MailException(
      MailErrorCode code,
      String message,
      String providerCode,
      String providerRequestId,
      Duration retryAfter,
      Throwable cause,
      boolean mayHaveBeenSent) {
    super(code, message, Map.of(), retryAfter, cause);
    this.providerCode = providerCode;
    this.providerRequestId = providerRequestId;
    this.mayHaveBeenSent = mayHaveBeenSent || code == MailErrorCode.OUTCOME_UNKNOWN;
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

  /**
   * Whether the mail may have gone out although the send failed: an unknown outcome, a server error
   * from the provider (it may have queued the mail before failing), or a failed retry after such an
   * attempt. Such a send counts against the limits; a failure that certainly sent nothing (refused
   * before the provider was reached, a connect failure, a 4xx rejection) does not.
   */
  public boolean mayHaveBeenSent() {
    return mayHaveBeenSent;
  }

  /**
   * This failure, marked as one after which the mail may have gone out, because an earlier attempt
   * of the same send may have delivered it; code, message and provider ids stay.
   */
  public MailException asMayHaveBeenSent() {
    if (mayHaveBeenSent) {
      return this;
    }
    MailException marked =
        new MailException(
            code(),
            getMessage(),
            providerCode,
            providerRequestId,
            retryAfter().orElse(null),
            getCause(),
            true);
    marked.setStackTrace(getStackTrace());
    return marked;
  }
}
