package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi.Answer;
import org.junit.jupiter.api.Test;

/** {@code GET /api/scopes-demo}: RFC 6750 refusals with their exact challenges. */
class ScopesDemoResourceTest {

  private static final String INSUFFICIENT_SCOPE_CHALLENGE =
      "Bearer error=\"insufficient_scope\", error_description=\"The token lacks a required"
          + " scope\", scope=\"read:demo\"";

  private final TestApi app = new TestApi();

  @Test
  void getScopesDemoWithoutTokenAnswers401InvalidTokenWithBareChallenge() {
    Answer answer = app.start().get("/scopes-demo").send();

    assertEquals(401, answer.status());
    assertEquals("invalid_token", answer.json().get("code").asText());
    assertEquals("This API needs a Logto access token", answer.json().get("message").asText());
    assertEquals("Bearer", answer.header("WWW-Authenticate"));
  }

  @Test
  void getScopesDemoWithSessionButNoTokenAnswers401InvalidTokenWithBareChallenge() {
    app.signedIn(TestApi.user("user-1", TestApi.ADMIN_ROLE));

    Answer answer = app.start().get("/scopes-demo").send();

    assertEquals(401, answer.status());
    assertEquals("invalid_token", answer.json().get("code").asText());
    assertEquals("Bearer", answer.header("WWW-Authenticate"));
  }

  @Test
  void getScopesDemoWithTokenLackingTheScopeAnswers403InsufficientScopeWithChallenge() {
    String token = app.tokens().accessToken("user-1", "write:demo");

    Answer answer = app.start().get("/scopes-demo").bearer(token).send();

    assertEquals(403, answer.status());
    assertEquals("insufficient_scope", answer.json().get("code").asText());
    assertEquals("The token lacks the scope read:demo", answer.json().get("message").asText());
    assertEquals(INSUFFICIENT_SCOPE_CHALLENGE, answer.header("WWW-Authenticate"));
  }

  @Test
  void getScopesDemoWithTokenWithoutAnyScopeAnswers403InsufficientScopeWithChallenge() {
    String token = app.tokens().accessToken("user-1");

    Answer answer = app.start().get("/scopes-demo").bearer(token).send();

    assertEquals(403, answer.status());
    assertEquals(INSUFFICIENT_SCOPE_CHALLENGE, answer.header("WWW-Authenticate"));
  }

  @Test
  void getScopesDemoWithForgedTokenAnswers401InvalidTokenWithChallenge() {
    String forged = app.tokens().forgedAccessToken("attacker", "read:demo");

    Answer answer = app.start().get("/scopes-demo").bearer(forged).send();

    assertEquals(401, answer.status());
    assertEquals("invalid_token", answer.json().get("code").asText());
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token signature is invalid\"",
        answer.header("WWW-Authenticate"));
  }

  @Test
  void getScopesDemoWithScopedTokenAnswersItsSubjectAndScopes() {
    String token = app.tokens().accessToken("user-1", "read:demo", "write:demo");

    Answer answer = app.start().get("/scopes-demo").bearer(token).send();

    assertEquals(200, answer.status(), answer.body());
    JsonNode body = answer.json();
    assertEquals("Your token carries read:demo", body.get("message").asText());
    assertEquals("user-1", body.get("sub").asText());
    assertEquals(2, body.get("scopes").size());
    assertEquals(0, app.sessionLookups(), "a Bearer call never touches the session");
  }
}
