package io.logtojee.testsupport.op;

import java.time.Instant;

/**
 * An issued authorization code. It stays in the store after redemption, marked consumed, because a
 * second redemption must be recognised as a replay and revoke the grant.
 */
final class AuthorizationCode {
  final Grant grant;
  final String redirectUri;

  /** The S256 PKCE challenge, or null when the client sent none. */
  final String challenge;

  final Instant expiresAt;
  boolean consumed;

  AuthorizationCode(Grant grant, String redirectUri, String challenge, Instant expiresAt) {
    this.grant = grant;
    this.redirectUri = redirectUri;
    this.challenge = challenge;
    this.expiresAt = expiresAt;
  }
}
