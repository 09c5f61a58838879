package io.logtojee.mail.template.logto;

import java.util.Objects;

/**
 * A failed call to Logto's token endpoint or Management API. Its message names the call and the
 * reason, never a secret or a token.
 */
final class ManagementApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ManagementApiError error;

  ManagementApiException(ManagementApiError error, String message) {
    this(error, message, null);
  }

  ManagementApiException(ManagementApiError error, String message, Throwable cause) {
    super(message, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  ManagementApiError error() {
    return error;
  }
}
