package io.logtojee.testsupport.op;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which claims a set of scopes yields for a user, as Logto's account claims do. The ID token,
 * UserInfo and the tokens minted for tests must agree on this, so it is decided here only.
 */
final class ScopeClaims {
  static final String ORGANIZATIONS_SCOPE = "urn:logto:scope:organizations";

  /** Scopes with a meaning at Logto's OP; any other scope is an API-resource permission. */
  static final List<String> SCOPES_SUPPORTED =
      List.of(
          "openid",
          "offline_access",
          "profile",
          "email",
          "phone",
          "address",
          "custom_data",
          "identities",
          "roles",
          ORGANIZATIONS_SCOPE,
          "urn:logto:scope:organization_roles");

  // One fixed time stands in for the user record's creation and last update.
  private final long createdAtMillis = System.currentTimeMillis();

  Map<String, Object> of(TestUser u, Set<String> scopes) {
    Map<String, Object> claims = new LinkedHashMap<>();
    if (scopes.contains("profile")) {
      claims.put("name", emptyToNull(u.name()));
      claims.put("picture", emptyToNull(u.picture()));
      if (emptyToNull(u.username()) != null) {
        claims.put("username", u.username());
        claims.put("preferred_username", u.username());
      }
      claims.put("created_at", createdAtMillis);
      claims.put("updated_at", createdAtMillis);
    }
    if (scopes.contains("email")) {
      if (emptyToNull(u.email()) != null) {
        claims.put("email", u.email());
      }
      claims.put("email_verified", u.email() != null && u.emailVerified());
    }
    if (scopes.contains("roles")) {
      claims.put("roles", u.roles());
    }
    if (scopes.contains(ORGANIZATIONS_SCOPE)) {
      claims.put("organizations", u.organizations());
    }
    return claims;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
