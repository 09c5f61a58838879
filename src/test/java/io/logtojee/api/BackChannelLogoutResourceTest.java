package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.testsupport.servlet.FakeSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code /api/backchannel-logout}: exactly one valid logout token in a form POST. */
class BackChannelLogoutResourceTest {

  private final TestApi app = new TestApi();

  private static String form(String... tokens) {
    StringBuilder form = new StringBuilder();
    for (String token : tokens) {
      form.append(form.length() == 0 ? "" : "&")
          .append("logout_token=")
          .append(URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
    return form.toString();
  }

  private static void assertInvalidRequest(Answer answer, String message) {
    assertEquals(400, answer.status(), answer.body());
    assertEquals("invalid_request", answer.json().get("code").asText());
    assertEquals(message, answer.json().get("message").asText());
  }

  @Test
  void postBackChannelLogoutWithoutLogoutTokenAnswers400InvalidRequest() {
    Answer answer = app.start().post("/backchannel-logout").form("state=x").send();

    assertInvalidRequest(answer, "Send exactly one logout_token");
  }

  @Test
  void postBackChannelLogoutWithEmptyFormAnswers400InvalidRequest() {
    Answer answer = app.start().post("/backchannel-logout").form("").send();

    assertInvalidRequest(answer, "Send exactly one logout_token");
  }

  @Test
  void postBackChannelLogoutWithTwoLogoutTokensAnswers400InvalidRequestAndEndsNothing() {
    String token = app.tokens().logoutToken("user-1");

    Answer answer = app.start().post("/backchannel-logout").form(form(token, token)).send();

    assertInvalidRequest(answer, "Send exactly one logout_token");
    assertFalse(app.revokedSessions().isRevoked("user-1", null, Instant.EPOCH));
  }

  @Test
  void postBackChannelLogoutWithBlankLogoutTokenAnswers400InvalidRequest() {
    Answer answer = app.start().post("/backchannel-logout").form("logout_token=+").send();

    assertInvalidRequest(answer, "Send exactly one logout_token");
  }

  @Test
  void getBackChannelLogoutAnswers400InvalidRequest() {
    Answer answer = app.start().get("/backchannel-logout").send();

    assertInvalidRequest(answer, "Back-channel logout accepts a form POST only");
  }

  @Test
  void postBackChannelLogoutWithAccessTokenInsteadAnswers400InvalidLogoutToken() {
    String accessToken = app.tokens().accessToken("user-1");

    Answer answer = app.start().post("/backchannel-logout").form(form(accessToken)).send();

    assertEquals(400, answer.status(), answer.body());
    assertEquals("invalid_logout_token", answer.json().get("code").asText());
    assertFalse(app.revokedSessions().isRevoked("user-1", null, Instant.EPOCH));
  }

  @Test
  void postBackChannelLogoutWithValidTokenEndsTheUsersSessionsAndAnswers200() {
    FakeSession session = FakeSession.existing();
    app.heldSessions().sessionCreated(new HttpSessionEvent(session.asHttpSession()));
    app.sessionDirectory().register(session.getId(), "user-1", "logto-session-1");

    Answer answer =
        app.start()
            .post("/backchannel-logout")
            .form(form(app.tokens().logoutToken("user-1")))
            .send();

    assertEquals(200, answer.status(), answer.body());
    assertEquals("no-store", answer.header("Cache-Control"));
    assertTrue(session.isInvalidated(), "the user's local session has ended");
    assertTrue(app.revokedSessions().isRevoked("user-1", null, Instant.now().minusSeconds(60)));
  }
}
