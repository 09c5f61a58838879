package io.logtojee.auth;

import io.logtojee.error.ErrorCode;

/**
 * Why a return from Logto did not sign the user in. The web layer turns these into pages; none of
 * them leads to another redirect, so a failing sign-in can never loop.
 */
public enum SignInFailure implements ErrorCode {
  /** The sign-in state is gone or belongs to another attempt (replay, second tab, expiry). */
  SESSION_EXPIRED("sign_in_expired", "This sign-in link has expired or was already used."),
  /** Logto answered the authorization request with an error, for example access_denied. */
  PROVIDER_ERROR("sign_in_not_completed", "Sign-in was not completed at Logto."),
  /** The tokens Logto returned did not pass validation. */
  REJECTED("sign_in_rejected", "The sign-in could not be verified."),
  /** Logto could not be reached or failed while we redeemed the code. */
  PROVIDER_UNAVAILABLE("identity_provider_unavailable", "Logto is not reachable right now."),
  /** The callback request itself was malformed. */
  INVALID_CALLBACK("invalid_callback", "The sign-in response was malformed.");

  /** The request attribute under which the callback records a failure for the web layer. */
  public static final String REQUEST_ATTRIBUTE = SignInFailure.class.getName();

  private final String code;
  private final String message;

  SignInFailure(String code, String message) {
    this.code = code;
    this.message = message;
  }

  public String code() {
    return code;
  }

  @Override
  public String wireName() {
    return code;
  }

  public String message() {
    return message;
  }
}
