package io.logtojee.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenClaimsTest {

  private static AccessTokenClaims claims(Set<String> scopes, String organizationId) {
    return new AccessTokenClaims(
        "user",
        "app",
        scopes,
        organizationId,
        List.of("https://api.example.test"),
        "https://tenant.example.test/oidc",
        Instant.EPOCH,
        "jti",
        Instant.EPOCH);
  }

  @Test
  void theOrganizationIsPresentOnlyWhenTheTokenNamesOne() {
    assertEquals(Optional.of("org_1"), claims(Set.of(), "org_1").organization());
    assertEquals(Optional.empty(), claims(Set.of(), null).organization());
  }

  @Test
  void missingScopesAreTheRequiredOnesTheTokenLacksInTheirOrder() {
    AccessTokenClaims claims = claims(Set.of("read", "write"), null);

    assertEquals(List.of(), List.copyOf(claims.missingScopes(List.of("read", "write"))));
    assertEquals(
        List.of("admin", "delete"),
        List.copyOf(claims.missingScopes(List.of("admin", "read", "delete"))));
    assertThrows(
        UnsupportedOperationException.class, () -> claims.missingScopes(List.of("admin")).add("x"));
  }

  @Test
  void absentScopesAndAudienceAreEmptyAndSubAndIssuerAreRequired() {
    AccessTokenClaims claims =
        new AccessTokenClaims("user", null, null, null, null, "iss", null, null, null);

    assertEquals(Set.of(), claims.scopes());
    assertEquals(List.of(), claims.audience());
    assertThrows(
        NullPointerException.class,
        () -> new AccessTokenClaims(null, null, null, null, null, "iss", null, null, null));
    assertThrows(
        NullPointerException.class,
        () -> new AccessTokenClaims("user", null, null, null, null, null, null, null, null));
  }
}
