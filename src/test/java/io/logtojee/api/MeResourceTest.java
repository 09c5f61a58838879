package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/me} for each kind of caller, through the real filters and mappers. */
class MeResourceTest {

  private final TestApi app = new TestApi();

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void getMeWithoutSessionOrTokenAnswersAuthenticatedFalseOnly() {
    Answer answer = app.start().get("/me").send();

    assertEquals(200, answer.status());
    assertEquals("{\"authenticated\":false}", answer.body());
  }

  @Test
  void getMeWithSessionAnswersTheSessionUsersClaims() {
    app.signedIn(TestApi.user("user-1", "reader"));

    JsonNode me = app.start().get("/me").send().json();

    assertEquals(true, me.get("authenticated").asBoolean());
    assertEquals("session", me.get("auth_method").asText());
    assertEquals("user-1", me.get("sub").asText());
    assertEquals("Ada Lovelace", me.get("name").asText());
    assertEquals("ada@example.com", me.get("email").asText());
    assertEquals(true, me.get("email_verified").asBoolean());
    assertEquals("reader", me.get("roles").get(0).asText());
    assertEquals("org1", me.get("organizations").get(0).asText());
    assertFalse(me.has("client_id"), me.toString());
  }

  @Test
  void getMeWithBearerTokenAnswersTheTokenClaimsWithoutAskingTheSession() {
    String token = app.tokens().accessToken("m2m-user", "write:demo", "read:demo");

    Answer answer = app.start().get("/me").bearer(token).send();

    assertEquals(200, answer.status(), answer.body());
    JsonNode me = answer.json();
    assertEquals(
        List.of("authenticated", "auth_method", "sub", "client_id", "scope"), fieldNames(me));
    assertEquals("bearer", me.get("auth_method").asText());
    assertEquals("m2m-user", me.get("sub").asText());
    assertEquals(TestApi.M2M_CLIENT_ID, me.get("client_id").asText());
    assertEquals("read:demo write:demo", me.get("scope").asText());
    assertEquals(0, app.sessionLookups(), "a Bearer call never touches the session");
  }

  @Test
  void getMeWithBearerTokenAndSessionAnswersTheTokensCaller() {
    app.signedIn(TestApi.user("session-user"));
    String token = app.tokens().accessToken("token-user");

    JsonNode me = app.start().get("/me").bearer(token).send().json();

    assertEquals("bearer", me.get("auth_method").asText());
    assertEquals("token-user", me.get("sub").asText());
  }

  @Test
  void getMeWithOtherAuthorizationSchemeAnswersTheSessionUser() {
    app.signedIn(TestApi.user("session-user"));

    JsonNode me =
        app.start().get("/me").header("Authorization", "Basic dXNlcjpwdw==").send().json();

    assertEquals("session", me.get("auth_method").asText());
    assertEquals("session-user", me.get("sub").asText());
  }

  @Test
  void getMeWithForgedBearerTokenAnswers401InvalidTokenWithItsChallenge() {
    app.signedIn(TestApi.user("session-user"));
    String forged = app.tokens().forgedAccessToken("attacker");

    Answer answer = app.start().get("/me").bearer(forged).send();

    assertEquals(401, answer.status());
    assertEquals("invalid_token", answer.json().get("code").asText());
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token signature is invalid\"",
        answer.header("WWW-Authenticate"));
  }

  @Test
  void getMeWithBearerSchemeButNoTokenAnswers400InvalidRequestWithBareChallenge() {
    Answer answer = app.start().get("/me").header("Authorization", "Bearer").send();

    assertEquals(400, answer.status());
    assertEquals("invalid_request", answer.json().get("code").asText());
    assertEquals("Bearer", answer.header("WWW-Authenticate"));
  }

  @Test
  void getMeWithBearerTokenWhileLogtoKeysAreUnavailableAnswers503WithoutChallenge() {
    String token = app.tokens().accessToken("user-1");
    app.tokens().withdrawKeys();

    Answer answer = app.start().get("/me").bearer(token).send();

    assertEquals(503, answer.status(), answer.body());
    assertEquals("identity_provider_unavailable", answer.json().get("code").asText());
    assertEquals("Logto's signing keys are unavailable", answer.json().get("message").asText());
    assertNull(answer.header("WWW-Authenticate"), "the token is not at fault");
    assertEquals("30", answer.header("Retry-After"), "after the key set's 30 s pause");
  }
}
