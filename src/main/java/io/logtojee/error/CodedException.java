package io.logtojee.error;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure with an {@link ErrorCode}. The message is safe to show to the caller: it never holds a
 * token, a secret, a one-time code or a provider's raw answer.
 */
public class CodedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Map<String, Object> details;
  private final Duration retryAfter;

  public CodedException(ErrorCode code, String message) {
    this(code, message, Map.of(), null, null);
  }

  public CodedException(ErrorCode code, String message, Map<String, ?> details) {
    this(code, message, details, null, null);
  }

  public CodedException(
      ErrorCode code,
      String message,
      Map<String, ?> details,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.details = Map.copyOf(details == null ? Map.of() : details);
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
  }

  /** Facts that help the caller correct the request, such as the parameter at fault. */
  public Map<String, Object> details() {
    return new LinkedHashMap<>(details);
  }

  /** How long the caller should wait before trying again, when waiting helps. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
