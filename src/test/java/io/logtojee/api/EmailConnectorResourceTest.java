package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestMail.RecordingTransport;
import io.logtojee.mail.OutgoingMail;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/mail/send}, Logto's HTTP email connector: the caller's Authorization is checked
 * before the body is read, and every refusal is a JSON error.
 */
class EmailConnectorResourceTest {

  private static final String SIGN_IN_MAIL =
      "{\"to\":\"user@example.com\",\"type\":\"SignIn\",\"payload\":{\"code\":\"482913\"}}";

  private final TestApi app = new TestApi();
  private final RecordingTransport transport = new RecordingTransport();

  private Answer send(String authorization, String json) {
    InMemoryApi.Request request = app.start().post("/mail/send").json(json);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.send();
  }

  private static void assertError(Answer answer, int status, String code) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(code, answer.json().get("code").asText(), answer.body());
    assertEquals("application/json", answer.contentType());
  }

  @Test
  void postMailSendWithConfiguredAuthorizationAnswersTheProvidersReceipt() {
    app.mailService(TestMail.sending(transport));

    Answer answer = send(TestApi.MAIL_AUTHORIZATION, SIGN_IN_MAIL);

    assertEquals(200, answer.status(), answer.body());
    assertEquals("{\"envId\":\"env-1\",\"requestId\":\"request-1\"}", answer.body());
    OutgoingMail mail = transport.sent().get(0);
    assertEquals("user@example.com", mail.to().address());
    assertTrue(mail.body().contains("482913"), mail.body());
  }

  @Test
  void postMailSendWithoutAuthorizationAnswers401UnauthorizedAndSendsNothing() {
    app.mailService(TestMail.sending(transport));

    assertError(send(null, SIGN_IN_MAIL), 401, "unauthorized");
    assertEquals(0, transport.sent().size());
  }

  @Test
  void postMailSendWithWrongAuthorizationAndInvalidJsonAnswers401BeforeReadingTheBody() {
    app.mailService(TestMail.sending(transport));

    assertError(send("Bearer wrong-value-0123456789abcdef", "{not json"), 401, "unauthorized");
  }

  @Test
  void postMailSendWithEmptyBodyAnswers400InvalidRequest() {
    app.mailService(TestMail.sending(transport));

    Answer answer = send(TestApi.MAIL_AUTHORIZATION, "");

    assertError(answer, 400, "invalid_request");
    assertEquals("The request body is empty", answer.json().get("message").asText());
  }

  @Test
  void postMailSendWithInvalidJsonAnswers400InvalidJsonWithItsPosition() {
    app.mailService(TestMail.sending(transport));

    Answer answer = send(TestApi.MAIL_AUTHORIZATION, "{\"to\": \"user@example.com\",\n oops}");

    assertError(answer, 400, "invalid_json");
    JsonNode details = answer.json().get("details");
    assertEquals(2, details.get("line").asInt(), answer.body());
    assertTrue(details.has("column"), answer.body());
    assertFalse(answer.body().contains("oops"), "the body is never echoed");
  }

  @Test
  void postMailSendWithWronglyTypedFieldAnswers400InvalidJsonNamingTheField() {
    app.mailService(TestMail.sending(transport));

    Answer answer = send(TestApi.MAIL_AUTHORIZATION, "{\"to\":\"a@example.com\",\"payload\":[1]}");

    assertError(answer, 400, "invalid_json");
    assertEquals("payload", answer.json().at("/details/field").asText(), answer.body());
  }

  @Test
  void postMailSendWithBodyOver64KiBAnswers413PayloadTooLarge() {
    app.mailService(TestMail.sending(transport));
    String oversized =
        "{\"to\":\"user@example.com\",\"type\":\"SignIn\",\"pad\":\""
            + "x".repeat(64 * 1024)
            + "\"}";

    assertError(send(TestApi.MAIL_AUTHORIZATION, oversized), 413, "payload_too_large");
    assertEquals(0, transport.sent().size());
  }

  @Test
  void postMailSendWhenMailIsDisabledAnswers503MailDisabled() {
    Answer answer = send(TestApi.MAIL_AUTHORIZATION, SIGN_IN_MAIL);

    assertError(answer, 503, "mail_disabled");
    assertEquals(
        "Mail is disabled: MAIL_CONFIG_FILE is not set", answer.json().get("message").asText());
  }

  @Test
  void postMailSendToAnInvalidRecipientAnswers400InvalidRecipientAndSendsNothing() {
    app.mailService(TestMail.sending(transport));

    Answer answer =
        send(TestApi.MAIL_AUTHORIZATION, "{\"to\":\"not an address\",\"type\":\"SignIn\"}");

    assertError(answer, 400, "invalid_recipient");
    assertEquals(0, transport.sent().size());
  }

  @Test
  void postMailSendAsPlainTextAnswers415UnsupportedMediaType() {
    app.mailService(TestMail.sending(transport));

    Answer answer =
        app.start()
            .post("/mail/send")
            .header("Authorization", TestApi.MAIL_AUTHORIZATION)
            .body("text/plain", SIGN_IN_MAIL)
            .send();

    assertError(answer, 415, "unsupported_media_type");
  }
}
