package io.logtojee.auth;

import io.logtojee.error.ErrorCode;

/** Why a caller may not use an endpoint that needs a signed-in user or a role. */
public enum AccessError implements ErrorCode {
  /** Nobody is signed in on this session. */
  NOT_SIGNED_IN("not_signed_in"),
  /** The signed-in user lacks the role the endpoint needs. */
  FORBIDDEN("forbidden"),
  /** A state-changing request did not come from this application's own pages. */
  CROSS_SITE_REQUEST("cross_site_request");

  private final String wireName;

  AccessError(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
