package io.logtojee.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.token.AccessTokenClaims;
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

    assertEquals(Set.of(), tokenWith("read:things", "write:things").missingScopes(needed));
    assertEquals(Set.of("write:things"), tokenWith("read:things").missingScopes(needed));
    assertEquals(needed, tokenWith().missingScopes(needed));
    assertTrue(tokenWith().missingScopes(Set.of()).isEmpty());
  }

  @Test
  void anInvalidScopeNameIsAProgrammingError() {
    assertThrows(IllegalStateException.class, () -> required(OpenResource.class, "broken"));
  }
}
