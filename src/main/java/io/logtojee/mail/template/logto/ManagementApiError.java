package io.logtojee.mail.template.logto;

/**
 * Why a fetch of Logto's templates failed. These never reach an HTTP answer as errors: a failed
 * fetch only means the last good templates, or the configuration's, keep serving. The admin console
 * shows the latest as {@code lastErrorCode}.
 */
public enum ManagementApiError {
  /** Logto could not be connected to. */
  UNREACHABLE("unreachable"),
  /** Logto did not answer completely within the timeouts. */
  TIMEOUT("timeout"),
  /** The token endpoint refused the app (wrong id or secret, resource or scope not granted). */
  TOKEN_REFUSED("token_refused"),
  /** The Management API refused the access token (401 or 403). */
  UNAUTHORIZED("unauthorized"),
  /** Logto answered with a server error. */
  SERVER_ERROR("server_error"),
  /** An answer that is not what Logto sends: another status, not JSON, a missing field. */
  UNEXPECTED_ANSWER("unexpected_answer"),
  /** An answer beyond the size or template-count limit. */
  TOO_LARGE("too_large");

  private final String wireName;

  ManagementApiError(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
