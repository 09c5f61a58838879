package io.logtojee.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 6750 texts: where a Bearer token is read from, and the challenges of a refusal. */
class BearerHeadersTest {

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
    assertTrue(BearerHeaders.tokenOf("").isEmpty());
    assertTrue(BearerHeaders.tokenOf("Bearer").isEmpty());
    assertEquals("x", BearerHeaders.tokenOf("BEARER x").orElseThrow());
  }
}
