package io.logtojee.auth.usertoken;

import io.logtojee.error.ErrorCode;

/** Why the application could not get an API or organization token for a signed-in user. */
public enum UserTokenError implements ErrorCode {
  /** Logto issued no refresh token at sign-in, so no further token can be had. */
  NO_REFRESH_TOKEN("no_refresh_token"),
  /** Logto says the user's grant is gone; the session has been ended. */
  SESSION_ENDED("session_ended"),
  /** Logto refused this particular token (not a member, resource not consented, ...). */
  TOKEN_REFUSED("token_refused"),
  /** Logto could not be reached or failed. */
  PROVIDER_UNAVAILABLE("identity_provider_unavailable");

  private final String wireName;

  UserTokenError(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
