package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.testsupport.servlet.FakeChain;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import org.junit.jupiter.api.Test;

/** The checks in front of pac4j's security filter on {@code /sign-in} and {@code /sign-up}. */
class SignInRequestFilterTest {

  private final PendingSignIns pendingSignIns = new PendingSignIns(10, id -> false);
  private final SignInRequestFilter filter =
      new SignInRequestFilter(TestLogto.UNREACHABLE, pendingSignIns);
  private final FakeChain chain = new FakeChain();
  private final FakeResponse response = new FakeResponse();

  private void run(FakeRequest request) throws Exception {
    filter.doFilter(request.asServletRequest(), response.asServletResponse(), chain);
  }

  private JsonNode assertRefused(int status, String code) {
    assertEquals(status, response.getStatus(), response.body());
    JsonNode body = TestLogto.json(response);
    assertEquals(code, body.get("code").asText());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    assertFalse(chain.wasCalled(), "pac4j never starts a sign-in");
    return body;
  }

  @Test
  void postSignInIsRefused405MethodNotAllowedWithAllowGetHead() throws Exception {
    run(FakeRequest.post("/sign-in"));

    JsonNode body = assertRefused(405, "method_not_allowed");
    assertEquals("Use GET to start a sign-in", body.get("message").asText());
    assertEquals("GET, HEAD", response.getHeader("Allow"));
  }

  @Test
  void signInWithUnknownFirstScreenIsRefused400InvalidParameterNamingIt() throws Exception {
    run(FakeRequest.get("/sign-in").param("first_screen", "admin"));

    JsonNode body = assertRefused(400, "invalid_parameter");
    assertEquals("first_screen", body.at("/details/parameter").asText());
    assertEquals(1, body.get("details").size());
  }

  @Test
  void signInWithRepeatedReturnToIsRefused400InvalidParameterNamingIt() throws Exception {
    run(FakeRequest.get("/sign-in").param("returnTo", "/a", "/b"));

    JsonNode body = assertRefused(400, "invalid_parameter");
    assertEquals("returnTo", body.at("/details/parameter").asText());
    assertEquals("returnTo must be given once", body.get("message").asText());
  }

  @Test
  void signUpWithConflictingFirstScreenIsRefused400InvalidParameterNamingIt() throws Exception {
    run(FakeRequest.get("/sign-up").param("first_screen", "sign_in"));

    JsonNode body = assertRefused(400, "invalid_parameter");
    assertEquals("first_screen", body.at("/details/parameter").asText());
  }

  @Test
  void signInWithMalformedLoginHintIsRefused400InvalidParameterNamingIt() throws Exception {
    run(FakeRequest.get("/sign-in").param("login_hint", "ada\n@example.com"));

    JsonNode body = assertRefused(400, "invalid_parameter");
    assertEquals("login_hint", body.at("/details/parameter").asText());
  }

  @Test
  void signInWhileLogtoIsNotReadyAnswers503WithRetryAfterAndNoSession() throws Exception {
    FakeRequest request = FakeRequest.get("/sign-in").param("returnTo", "/account");

    run(request);

    JsonNode body = assertRefused(503, "identity_provider_unavailable");
    assertEquals(
        "Sign-in is unavailable because Logto cannot be reached. Try again shortly.",
        body.get("message").asText());
    assertEquals("5", response.getHeader("Retry-After"));
    assertNull(request.session(), "no session for a sign-in that cannot start");
    assertEquals(0, pendingSignIns.count());
  }

  @Test
  void headSignInWhileLogtoIsNotReadyAnswers503NotMethodNotAllowed() throws Exception {
    run(FakeRequest.of("HEAD", "/sign-in"));

    assertRefused(503, "identity_provider_unavailable");
    assertNull(response.getHeader("Allow"));
  }
}
