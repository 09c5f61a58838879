package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeSession;
import org.junit.jupiter.api.Test;

/** {@code GET /api/me/tokens}: only a browser session whose pac4j profile is signed in. */
class MeTokensResourceTest {

  private final TestApi app = new TestApi();

  private static void assertNotSignedIn(Answer answer) {
    assertEquals(401, answer.status(), answer.body());
    assertEquals("not_signed_in", answer.json().get("code").asText());
    assertEquals("Sign in first", answer.json().get("message").asText());
    assertEquals("application/json", answer.contentType());
  }

  @Test
  void getMeTokensWithoutSessionAnswers401NotSignedIn() {
    assertNotSignedIn(app.start().get("/me/tokens").send());
  }

  @Test
  void getMeTokensWithSessionHoldingNoProfileAnswers401NotSignedIn() {
    FakeRequest request = FakeRequest.get("/api").withSession(FakeSession.existing());

    assertNotSignedIn(app.start().get("/me/tokens").servletRequest(request).send());
  }

  @Test
  void getMeTokensWithBearerTokenOnlyAnswers401NotSignedIn() {
    String token = app.tokens().accessToken("user-1", "read:demo");

    assertNotSignedIn(app.start().get("/me/tokens").bearer(token).send());
  }

  @Test
  void getMeTokensWithParametersButWithoutSessionAnswers401BeforeCheckingThem() {
    assertNotSignedIn(
        app.start().get("/me/tokens?resource=https://unknown.test&organization=x").send());
  }
}
