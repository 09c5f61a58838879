package io.logtojee.auth.usertoken;

/**
 * Getting a token or UserInfo from Logto failed. The message is safe to log: it never holds a
 * token, a secret or Logto's raw answer.
 */
public abstract class UserTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
