package io.logtojee.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.api.InMemoryApi;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestApi;
import io.logtojee.api.TestMail;
import io.logtojee.mail.setup.MailComponents;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/admin/mail-config/preview}: the sender's rendering (logto.md §4.4, with the
 * sender's own escaping of values in HTML), for the editor's unsaved template or the template a
 * type gets; bounded input; coded errors.
 */
class MailConfigPreviewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** logto.md §4.4's sample payload, plus a value that must not become markup. */
  private static final Map<String, Object> PAYLOAD =
      Map.of(
          "code", "123456",
          "application", Map.of("name", "Demo"),
          "organization", Map.of("id", "o1"),
          "user", Map.of("name", "<b>Ann & Bob</b>"));

  @TempDir Path dir;

  private final TestApi app = new TestApi();
  private MailComponents mail;
  private InMemoryApi api;

  @BeforeEach
  void start() {
    mail = TestMail.components(dir.resolve("mail.json"));
    app.mail(mail);
    app.signedIn(TestApi.user("admin-1", TestApi.ADMIN_ROLE));
    api = app.start();
  }

  @AfterEach
  void closeMail() {
    mail.close();
  }

  private Answer preview(Object body) throws Exception {
    return preview(JSON.writeValueAsString(body));
  }

  private Answer preview(String json) {
    return api.post("/admin/mail-config/preview")
        .header("Origin", TestApi.APP_BASE_URL)
        .header("Sec-Fetch-Site", "same-origin")
        .header("X-Requested-By", "console")
        .json(json)
        .send();
  }

  private static Map<String, Object> draft(String subject, String content, String contentType) {
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("usageType", "SignIn");
    template.put("subject", subject);
    template.put("content", content);
    if (contentType != null) {
      template.put("contentType", contentType);
    }
    return Map.of("template", template, "payload", PAYLOAD);
  }

  private JsonNode rendered(Map<String, Object> request) throws Exception {
    Answer answer = preview(request);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  @Test
  void previewFillsPlaceholdersWithSpacesAndDottedPaths() throws Exception {
    JsonNode body =
        rendered(draft("Code {{  code  }} for {{application.name}}", "<p>{{code}}</p>", null));

    assertEquals("Code 123456 for Demo", body.get("subject").asText());
    assertEquals("<p>123456</p>", body.get("body").asText());
    assertEquals("text/html", body.get("format").asText());
    assertEquals("configuration", body.get("origin").asText());
    assertEquals("Example", body.get("fromAlias").asText(), "the configured sender name");
  }

  @Test
  void previewKeepsUnknownRootsAndEmptiesMissingLeavesAsLogtoDoes() throws Exception {
    JsonNode body =
        rendered(
            draft(
                "{{link}} {{user-name}}",
                "[{{application.displayName}}] {{organization}} {{link}}",
                null));

    assertEquals("{{link}} {{user-name}}", body.get("subject").asText());
    assertEquals("[] [object Object] {{link}}", body.get("body").asText());
  }

  @Test
  void previewLeavesTheTemplatesMarkupAloneAndEscapesValuesInHtmlLikeTheSender() throws Exception {
    JsonNode body = rendered(draft("Hi {{user.name}}", "<b>Hi</b> {{user.name}}", null));

    assertEquals("<b>Hi</b> &lt;b&gt;Ann &amp; Bob&lt;/b&gt;", body.get("body").asText());
    assertEquals("Hi <b>Ann & Bob</b>", body.get("subject").asText(), "a subject is not HTML");
  }

  @Test
  void previewOfPlainTextPutsValuesInUnescaped() throws Exception {
    JsonNode body = rendered(draft("Hi", "Hi {{user.name}}, {{code}}", "text/plain"));

    assertEquals("Hi <b>Ann & Bob</b>, 123456", body.get("body").asText());
    assertEquals("text/plain", body.get("format").asText());
  }

  @Test
  void previewOfATypeRendersTheTemplateTheSenderWouldChoose() throws Exception {
    JsonNode body =
        rendered(Map.of("usageType", "MfaVerification", "payload", Map.of("code", "777")));

    assertEquals("Generic", body.get("templateType").asText(), "Generic stands in");
    assertTrue(body.get("body").asText().contains("777"), body.toString());
    assertEquals("configuration", body.get("origin").asText());
  }

  @Test
  void previewShortensTheSubjectToDirectMailsLimitAsTheSenderDoes() throws Exception {
    JsonNode body = rendered(draft("x".repeat(300), "c", null));

    assertEquals(100, body.get("subject").asText().length());
  }

  @Test
  void previewWithTooLongContentAnswers400ViolationsByKey() throws Exception {
    Answer answer = preview(draft("s", "x".repeat(50_001), null));

    assertEquals(400, answer.status(), answer.body());
    assertEquals("config_violations", answer.json().get("code").asText());
    assertTrue(answer.json().at("/details/violations").has("template.content"), answer.body());
  }

  @Test
  void previewLargerThanTheBodyLimitAnswers413Json() throws Exception {
    Answer answer = preview(draft("s", "x".repeat(70_000), null));

    assertEquals(413, answer.status(), answer.body());
    assertEquals("payload_too_large", answer.json().get("code").asText());
  }

  @Test
  void previewWithoutTemplateOrTypeAnswers400() throws Exception {
    Answer answer = preview(Map.of("payload", PAYLOAD));

    assertEquals(400, answer.status(), answer.body());
    assertEquals("config_violations", answer.json().get("code").asText());
  }

  @Test
  void previewOfATypeNameTheSenderRefusesAnswers400ViolationsByKey() throws Exception {
    Answer answer = preview(Map.of("usageType", "Bad type!"));

    assertEquals(400, answer.status(), answer.body());
    assertTrue(answer.json().at("/details/violations").has("usageType"), answer.body());
  }

  @Test
  void previewOfMalformedJsonAnswers400() {
    Answer answer = preview("{\"template\":");

    assertEquals(400, answer.status(), answer.body());
  }
}
