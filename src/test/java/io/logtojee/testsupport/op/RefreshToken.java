package io.logtojee.testsupport.op;

import java.time.Instant;

/**
 * An issued refresh token. Public clients' tokens rotate on every use; the old one stays, marked
 * consumed, so that its reuse is recognised and revokes the grant.
 */
final class RefreshToken {
  final Grant grant;
  final Instant expiresAt;
  boolean consumed;

  RefreshToken(Grant grant, Instant expiresAt) {
    this.grant = grant;
    this.expiresAt = expiresAt;
  }
}
