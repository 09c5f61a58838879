package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.servlet.FakeChain;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard in front of pac4j's callback: only Logto's authorization-code response gets past. */
class CallbackGuardFilterTest {

  private static final String ISSUER = TestLogto.SETTINGS.logto().issuer();

  private final CallbackGuardFilter filter = new CallbackGuardFilter(TestLogto.UNREACHABLE, ISSUER);
  private final FakeChain chain = new FakeChain();
  private final FakeResponse response = new FakeResponse();

  private static FakeRequest codeResponse() {
    return FakeRequest.get("/callback").param("code", "auth-code").param("state", "st4te");
  }

  private FakeResponse run(FakeRequest request) throws Exception {
    filter.doFilter(request.asServletRequest(), response.asServletResponse(), chain);
    return response;
  }

  private void assertRefused(int status, String code, String message) {
    assertEquals(status, response.getStatus(), response.body());
    JsonNode body = TestLogto.json(response);
    assertEquals(code, body.get("code").asText());
    assertEquals(message, body.get("message").asText());
    assertEquals("application/json", response.getContentType());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    assertTrue(response.isCommitted());
    assertFalse(chain.wasCalled(), "pac4j's callback never sees the request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"access_token", "id_token", "token_type", "logout_token", "sid", "expires_in"})
  void callbackWithForbiddenParameterIsRefused400InvalidCallback(String parameter)
      throws Exception {
    run(codeResponse().param(parameter, "value"));

    assertRefused(400, "invalid_callback", "The callback does not accept " + parameter);
  }

  @Test
  void postCallbackWithLogoutTokenIsRefused400InvalidCallbackNotTakenAsALogout() throws Exception {
    run(FakeRequest.post("/callback").param("logout_token", "eyJ.eyJ.sig"));

    assertRefused(400, "invalid_callback", "The callback does not accept logout_token");
  }

  @Test
  void callbackWithRepeatedParameterIsRefused400InvalidCallback() throws Exception {
    run(FakeRequest.get("/callback").param("code", "a", "b").param("state", "st4te"));

    assertRefused(400, "invalid_callback", "Parameter code is repeated");
  }

  @Test
  void postCallbackIsRefused405MethodNotAllowedWithAllowGet() throws Exception {
    run(FakeRequest.post("/callback").param("code", "auth-code").param("state", "st4te"));

    assertRefused(405, "method_not_allowed", "The sign-in callback accepts GET only");
    assertEquals("GET", response.getHeader("Allow"));
  }

  @Test
  void callbackWithoutStateIsRefused400InvalidCallback() throws Exception {
    run(FakeRequest.get("/callback").param("code", "auth-code"));

    assertRefused(400, "invalid_callback", "The callback needs state with either code or error");
  }

  @Test
  void callbackWithBothCodeAndErrorIsRefused400InvalidCallback() throws Exception {
    run(codeResponse().param("error", "access_denied"));

    assertRefused(400, "invalid_callback", "The callback needs state with either code or error");
  }

  @Test
  void callbackWithNeitherCodeNorErrorIsRefused400InvalidCallback() throws Exception {
    run(FakeRequest.get("/callback").param("state", "st4te"));

    assertRefused(400, "invalid_callback", "The callback needs state with either code or error");
  }

  @Test
  void callbackFromForeignIssuerIsRefused400InvalidCallback() throws Exception {
    run(codeResponse().param("iss", "https://evil.example/oidc"));

    assertRefused(400, "invalid_callback", "The authorization response comes from another issuer");
  }

  @Test
  void callbackWithErrorFromLogtoAnswers400SignInNotCompleted() throws Exception {
    run(
        FakeRequest.get("/callback")
            .param("error", "access_denied")
            .param("state", "st4te")
            .param("iss", ISSUER));

    assertRefused(400, "sign_in_not_completed", "Sign-in was not completed at Logto.");
  }

  @Test
  void callbackWithCodeWhileLogtoIsNotReadyAnswers503WithRetryAfter() throws Exception {
    run(codeResponse().param("iss", ISSUER));

    assertRefused(503, "identity_provider_unavailable", "Logto is not reachable right now.");
    assertEquals("5", response.getHeader("Retry-After"));
  }

  @Test
  void callbackRefusalForBrowserAnswersAnHtmlPageEscapingTheParameterName() throws Exception {
    run(
        FakeRequest.get("/callback")
            .param("code", "auth-code")
            .param("state", "st4te")
            .param("<img src=x onerror=alert(1)>", "a", "b")
            .header("Accept", "text/html,application/xhtml+xml"));

    assertEquals(400, response.getStatus());
    assertEquals("text/html;charset=UTF-8", response.getContentType());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    assertTrue(
        response.body().contains("Parameter &lt;img src=x onerror=alert(1)&gt; is repeated"),
        response.body());
    assertFalse(response.body().contains("<img"), response.body());
    assertTrue(response.body().contains("id=\"sign-in-again\""), response.body());
    assertFalse(chain.wasCalled());
  }
}
