package io.logtojee.auth.usertoken;

/**
 * Logto answered {@code invalid_grant}: the refresh token is expired, revoked or was used after
 * rotation, so the user's grant is gone. The caller ends the session cleanly; the next request is
 * signed out.
 */
public final class GrantRevokedException extends UserTokenException {
  private static final long serialVersionUID = 1L;

  GrantRevokedException() {
    super("Logto no longer honours the refresh token (invalid_grant)", null);
  }
}
