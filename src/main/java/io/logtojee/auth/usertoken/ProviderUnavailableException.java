package io.logtojee.auth.usertoken;

/**
 * Logto could not be reached in time, answered with a server error, or answered something that
 * cannot be used (including a UserInfo answer for another user). The caller answers 502 or 503; the
 * session stays.
 */
public final class ProviderUnavailableException extends UserTokenException {
  private static final long serialVersionUID = 1L;

  ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
