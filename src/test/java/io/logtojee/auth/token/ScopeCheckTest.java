package io.logtojee.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scopes declared with {@link RequiresScope} against a token's scopes (issue item 2). */
class ScopeCheckTest {

  @RequiresScope("read:things")
  static class ThingsResource {
    public void list() {}

    @RequiresScope("write:things")
    public void create() {}

    @RequiresScope({"read:things", "admin:things"})
    public void purge() {}
  }

  static class OpenResource {
    public void get() {}

    @RequiresScope("bad scope")
    public void broken() {}
  }

  private static AccessTokenClaims tokenWith(String... scopes) {
    return new AccessTokenClaims(
        "user-1",
        "app",
        Set.of(scopes),
        null,
        List.of("https://api.example.test"),
        "https://logto.example.test/oidc",
        Instant.now().plusSeconds(60),
        "jti",
        Instant.now());
  }

  private static Set<String> required(Class<?> type, String method) throws Exception {
    Method m = type.getMethod(method);
    return ScopeCheck.requiredScopes(type, m);
  }

  @Test
  void aMethodAddsToItsClassScopes() throws Exception {
    assertEquals(Set.of("read:things"), required(ThingsResource.class, "list"));
    assertEquals(Set.of("read:things", "write:things"), required(ThingsResource.class, "create"));
    assertEquals(Set.of("read:things", "admin:things"), required(ThingsResource.class, "purge"));
    assertEquals(Set.of(), required(OpenResource.class, "get"));
  }

  @Test
  void everyRequiredScopeMustBeGranted() throws Exception {
    Set<String> needed = required(ThingsResource.class, "create");

    assertEquals(
        Set.of(), ScopeCheck.missingScopes(tokenWith("read:things", "write:things"), needed));
    assertEquals(
        Set.of("write:things"), ScopeCheck.missingScopes(tokenWith("read:things"), needed));
    assertEquals(needed, ScopeCheck.missingScopes(tokenWith(), needed));
    assertTrue(ScopeCheck.missingScopes(tokenWith(), Set.of()).isEmpty());
  }

  @Test
  void anInvalidScopeNameIsAProgrammingError() {
    assertThrows(IllegalStateException.class, () -> required(OpenResource.class, "broken"));
  }

  @Test
  void theChallengesFollowRfc6750() {
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The token lacks a required"
            + " scope\", scope=\"read:things write:things\"",
        BearerHeaders.insufficientScopeChallenge(List.of("read:things", "write:things")));
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token has expired\"",
        BearerHeaders.invalidTokenChallenge(InvalidTokenException.Reason.EXPIRED));
    assertEquals("Bearer", BearerHeaders.missingTokenChallenge());
  }

  @Test
  void theTokenIsReadFromABearerAuthorizationHeaderOnly() {
    assertEquals("abc.def.ghi", BearerHeaders.tokenOf("Bearer abc.def.ghi").orElseThrow());
    assertEquals("abc.def.ghi", BearerHeaders.tokenOf("bearer abc.def.ghi").orElseThrow());
    assertTrue(BearerHeaders.tokenOf(null).isEmpty());
    assertTrue(BearerHeaders.tokenOf("Basic dXNlcjpwYXNz").isEmpty());
    assertTrue(BearerHeaders.tokenOf("Bearer ").isEmpty());
    assertTrue(BearerHeaders.tokenOf("Bearer a b").isEmpty());
    assertTrue(BearerHeaders.tokenOf("Bearer a\"b").isEmpty());
    assertTrue(BearerHeaders.tokenOf("Bearerabc").isEmpty());
  }
}
