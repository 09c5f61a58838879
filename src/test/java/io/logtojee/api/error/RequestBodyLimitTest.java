package io.logtojee.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestApi;
import io.logtojee.app.RestApi;
import org.junit.jupiter.api.Test;

/** Issue 8 item 1: bodies are capped while they stream, whoever sends them, with a JSON 413. */
class RequestBodyLimitTest {

  private final TestApi app = new TestApi();

  private static String bigJson() {
    return "{\"to\":\"" + "a".repeat((int) RestApi.MAX_BODY_BYTES) + "\"}";
  }

  @Test
  void anOversizedMailSendWithoutAuthorizationIs401BeforeItsBodyIsRead() {
    Answer answer = app.start().post("/mail/send").json(bigJson()).send();

    assertEquals(401, answer.status(), answer.body());
    assertEquals("unauthorized", answer.json().get("code").asText());
  }

  @Test
  void anOversizedMailSendFromLogtoIs413Json() {
    Answer answer =
        app.start()
            .post("/mail/send")
            .header("Authorization", TestApi.MAIL_AUTHORIZATION)
            .json(bigJson())
            .send();

    assertEquals(413, answer.status(), answer.body());
    assertEquals("payload_too_large", answer.json().get("code").asText());
  }

  @Test
  void anOversizedBackChannelLogoutIs413Json() {
    Answer answer =
        app.start()
            .post("/backchannel-logout")
            .body(
                "application/x-www-form-urlencoded",
                "logout_token=" + "a".repeat((int) RestApi.MAX_BODY_BYTES))
            .send();

    assertEquals(413, answer.status(), answer.body());
    assertEquals("payload_too_large", answer.json().get("code").asText());
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeReading() {
    Answer answer =
        app.start()
            .post("/backchannel-logout")
            .header("Content-Length", Long.toString(RestApi.MAX_BODY_BYTES + 1))
            .form("logout_token=x")
            .send();

    assertEquals(413, answer.status(), answer.body());
  }

  @Test
  void aBodyUnderTheCapIsReadAsUsual() {
    Answer answer =
        app.start()
            .post("/backchannel-logout")
            .form("logout_token=" + "a".repeat((int) RestApi.MAX_BODY_BYTES - 100))
            .send();

    assertEquals(400, answer.status(), answer.body());
    assertEquals("invalid_logout_token", answer.json().get("code").asText());
  }
}
