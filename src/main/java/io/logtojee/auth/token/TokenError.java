package io.logtojee.auth.token;

import io.logtojee.error.ErrorCode;

/** Why a token a caller presented was refused (RFC 6750 error codes where they apply). */
public enum TokenError implements ErrorCode {
  /** The Authorization header says Bearer but carries no token. */
  INVALID_REQUEST("invalid_request"),
  /** No token where one is needed, or a token that failed validation. */
  INVALID_TOKEN("invalid_token"),
  /** A valid token without every scope the endpoint declares. */
  INSUFFICIENT_SCOPE("insufficient_scope"),
  /** Logto's signing keys could not be had, so no token can be checked right now. */
  PROVIDER_UNAVAILABLE("identity_provider_unavailable"),
  /** A back-channel logout token that failed validation. */
  INVALID_LOGOUT_TOKEN("invalid_logout_token");

  private final String wireName;

  TokenError(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
