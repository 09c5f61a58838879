package io.logtojee.testsupport.op;

import java.util.List;
import java.util.Set;

/**
 * What one authorization granted. Codes, access tokens and refresh tokens point at their grant, so
 * that revoking it (a replayed code, a logout, {@code revokeGrants}) invalidates all of them at
 * once, as node-oidc-provider does.
 */
record Grant(
    String id,
    String clientId,
    TestUser user,
    String sid,
    Set<String> scopes,
    List<String> resources,
    String nonce) {

  /** Offline grants outlive the OP session: a logout leaves their refresh tokens working. */
  boolean offline() {
    return scopes.contains("offline_access");
  }
}
