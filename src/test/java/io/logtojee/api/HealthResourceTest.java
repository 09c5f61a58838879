package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestMail.RecordingTransport;
import io.logtojee.mail.config.AliyunDmConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/health} and {@code GET /api/admin/health}: always 200, with up, degraded or
 * disabled parts named; the reasons only for administrators (issue 8 item 8).
 */
class HealthResourceTest {

  private final TestApi app = new TestApi();

  /** The administrators' view, which the tests below read for the reasons. */
  private JsonNode health() {
    app.signedIn(TestApi.user("admin-1", TestApi.ADMIN_ROLE));
    Answer answer = app.start().get("/admin/health").send();
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  private JsonNode publicHealth() {
    Answer answer = app.start().get("/health").send();
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void getPublicHealthWithLogtoDownTellsStatusesOnly() {
    app.logto(() -> Optional.of("Connection refused to 10.0.0.7:443"))
        .mailService(TestMail.service(null, new RecordingTransport()));

    JsonNode health = publicHealth();

    assertEquals("degraded", health.get("status").asText());
    assertEquals(Set.of("status", "logto", "mail"), names(health));
    assertEquals(Set.of("status"), names(health.get("logto")), "no reason, no discovery URL");
    assertEquals("down", health.at("/logto/status").asText());
    assertEquals(Set.of("status"), names(health.get("mail")), "no reason, no violations");
    assertFalse(health.toString().contains("10.0.0.7"));
  }

  @Test
  void getAdminHealthAsAUserWithoutTheRoleIsForbidden() {
    app.signedIn(TestApi.user("user-1"));

    assertEquals(403, app.start().get("/admin/health").send().status());
  }

  @Test
  void getAdminHealthTellsWhenTheLastBackChannelLogoutArrived() {
    JsonNode logouts = health().get("backChannelLogout");

    assertEquals(0, logouts.get("accepted").asLong());
    assertEquals(0, logouts.get("refused").asLong());
    assertFalse(logouts.has("lastAcceptedAt"), "none arrived yet");
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

    publicHealth();

    assertEquals(0, app.sessionLookups());
  }
}
