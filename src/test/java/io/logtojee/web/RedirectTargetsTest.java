package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectTargetsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/\\evil.test",
        "/%5Cevil.test",
        "/%09/evil.test",
        "//evil.test",
        "///evil.test",
        "https://evil.test",
        "http:/evil.test",
        "javascript:alert(1)",
        "/\t/evil.test",
        "/\n/evil.test",
        " /profile",
        "evil.test",
        "",
        "/a b",
        "/callback",
        "/sign-out",
        "/sign-in?returnTo=/x",
        "/../etc",
        "/a/../../b"
      })
  void safePathRefusesEverythingThatCouldLeaveTheApplication(String candidate) {
    assertTrue(RedirectTargets.safePath(candidate).isEmpty(), candidate);
    assertEquals("/", RedirectTargets.safePathOrHome(candidate));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/%5Cevil.test", "/%09/evil.test", "%2F%2Fevil.test", "/%2F/evil.test"})
  void safePathRefusesTheDecodedFormsToo(String encoded) {
    String decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);

    assertTrue(RedirectTargets.safePath(decoded).isEmpty(), decoded);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/./sign-out",
        "/./callback",
        "/.//sign-out",
        "//./sign-out",
        "/x/../sign-out",
        "/x/./../callback?code=1",
        "/sign-out/",
        "/sign-out/.",
        "/Sign-Out",
        "/SIGN-IN",
        "/sign-up/",
        "/api",
        "/api/",
        "/api/me",
        "/./api/me/tokens",
        "/API/health",
        "/x/../api/admin/mail-config",
        "/%2e/sign-out",
        "/%2E%2E/sign-out",
        "/%2fsign-out",
        "/.%2e/sign-out"
      })
  void safePathRefusesEveryEndpointWithEffectsHoweverItIsSpelled(String candidate) {
    assertTrue(RedirectTargets.safePath(candidate).isEmpty(), candidate);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/./profile=>/profile",
        "/a/./b=>/a/b",
        "/a/../b?x=1=>/b?x=1",
        "/a//b=>/a/b",
        "/apis=>/apis",
        "/sign-outside=>/sign-outside",
        "/profile/=>/profile/",
        "/profile/.=>/profile/",
        "/a/b/..=>/a/",
        "/a/b/../?tab=1=>/a/?tab=1",
        "/a/.?x=1=>/a/?x=1"
      })
  void safePathReturnsTheNormalisedPathABrowserWouldFollow(String row) {
    String[] parts = row.split("=>");
    assertEquals(parts[1], RedirectTargets.safePath(parts[0]).orElseThrow(), parts[0]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/profile", "/admin/mail?tab=templates", "/a-b_c.d~e/f"})
  void safePathKeepsPathsInsideTheApplication(String path) {
    assertEquals(path, RedirectTargets.safePath(path).orElseThrow());
  }
}
