package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestMail.RecordingTransport;
import io.logtojee.mail.config.AliyunDmConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /api/health}: always 200, with up, degraded or disabled parts named. */
class HealthResourceTest {

  private final TestApi app = new TestApi();

  private JsonNode health() {
    Answer answer = app.start().get("/health").send();
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  @Test
  void getHealthWithLogtoAndMailUpAnswersUp() {
    app.mailService(TestMail.sending(new RecordingTransport())).pendingSignIns(() -> 3);

    JsonNode health = health();

    assertEquals("up", health.get("status").asText());
    assertEquals("up", health.at("/logto/status").asText());
    assertEquals(
        "http://127.0.0.1:1/oidc/.well-known/openid-configuration",
        health.at("/logto/discovery").asText());
    assertFalse(health.get("logto").has("reason"));
    assertEquals("up", health.at("/mail/status").asText());
    assertFalse(health.get("mail").has("reason"));
    assertEquals(3, health.get("pendingSignIns").asInt());
    assertEquals("jersey", health.get("restRuntime").asText());
  }

  @Test
  void getHealthWithLogtoUnreachableAnswersDegradedWithTheReason() {
    app.logto(() -> Optional.of("Connection refused"))
        .mailService(TestMail.sending(new RecordingTransport()));

    JsonNode health = health();

    assertEquals("degraded", health.get("status").asText());
    assertEquals("down", health.at("/logto/status").asText());
    assertEquals("Connection refused", health.at("/logto/reason").asText());
    assertEquals("up", health.at("/mail/status").asText());
  }

  @Test
  void getHealthWithInvalidMailConfigAnswersDegradedWithItsViolations() {
    AliyunDmConfig valid = TestMail.validConfig();
    AliyunDmConfig withoutTemplates =
        new AliyunDmConfig(
            valid.accessKeyId(),
            valid.accessKeySecret(),
            valid.accountName(),
            valid.fromAlias(),
            valid.regionId(),
            List.of(),
            valid.transport(),
            valid.smtpPassword(),
            valid.endpoint());
    app.mailService(TestMail.service(withoutTemplates, new RecordingTransport()));

    JsonNode health = health();

    assertEquals("degraded", health.get("status").asText());
    assertEquals("up", health.at("/logto/status").asText());
    assertEquals("down", health.at("/mail/status").asText());
    assertEquals("mail configuration is invalid", health.at("/mail/reason").asText());
    assertEquals(true, health.at("/mail/violations").has("templates"), health.toString());
  }

  @Test
  void getHealthWithMailNotConfiguredInItsStoreAnswersDegraded() {
    app.mailService(TestMail.service(null, new RecordingTransport()));

    JsonNode health = health();

    assertEquals("degraded", health.get("status").asText());
    assertEquals("down", health.at("/mail/status").asText());
    assertEquals("mail is not configured", health.at("/mail/reason").asText());
    assertFalse(health.get("mail").has("violations"));
  }

  @Test
  void getHealthWithoutMailConfigFileAnswersUpWithMailDisabled() {
    JsonNode health = health();

    assertEquals("up", health.get("status").asText());
    assertEquals("disabled", health.at("/mail/status").asText());
    assertEquals("MAIL_CONFIG_FILE is not set", health.at("/mail/reason").asText());
  }

  @Test
  void getHealthWhileSignedInNeverLooksUpTheSession() {
    app.signedIn(TestApi.user("user-1"));

    health();

    assertEquals(0, app.sessionLookups());
  }
}
