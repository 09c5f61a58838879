package io.logtojee.auth.usertoken;

/**
 * Logto refused the request for a reason other than a lost grant, for example {@code
 * invalid_target} (the resource is not registered or was not requested at sign-in), {@code
 * access_denied} (the user is not a member of the organization), {@code insufficient_scope} (the
 * sign-in lacked {@code urn:logto:scope:organizations}), or {@code invalid_token} at UserInfo.
 */
public final class TokenRequestRefusedException extends UserTokenException {
  private static final long serialVersionUID = 1L;

  private final String error;

  TokenRequestRefusedException(String error) {
    super("Logto refused the request (" + error + ")", null);
    this.error = error;
  }

  /** The OAuth error code. */
  public String error() {
    return error;
  }
}
