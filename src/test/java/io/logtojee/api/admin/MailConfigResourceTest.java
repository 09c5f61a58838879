package io.logtojee.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.api.InMemoryApi;
import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestApi;
import io.logtojee.api.TestMail;
import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.setup.MailComponents;
import io.logtojee.mail.setup.MailDeploymentSettings;
import io.logtojee.mail.template.logto.LogtoTemplateOptions;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/admin/mail-config} behind the admin filter, with the configuration in memory. */
class MailConfigResourceTest {

  @TempDir Path dir;

  private final TestApi app = new TestApi();
  private MailComponents mail;

  private InMemoryApi startWithMail() {
    mail = TestMail.components(dir.resolve("mail.json"));
    app.mail(mail);
    return app.start();
  }

  @AfterEach
  void closeMail() {
    if (mail != null) {
      mail.close();
    }
  }

  private static InMemoryApi.Request fromConsole(InMemoryApi.Request request) {
    return request
        .header("Origin", TestApi.APP_BASE_URL)
        .header("Sec-Fetch-Site", "same-origin")
        .header("X-Requested-By", "console");
  }

  private void signInAdmin() {
    app.signedIn(TestApi.user("admin-1", TestApi.ADMIN_ROLE));
  }

  private static void assertError(Answer answer, int status, String code) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(code, answer.json().get("code").asText(), answer.body());
    assertEquals("no-store", answer.header("Cache-Control"));
  }

  private static String renamedConfig(String alias) {
    return MailFixtures.validConfigJsonWith(
        config -> {
          config.put("fromAlias", alias);
          config.remove("accessKeySecret");
        });
  }

  @Test
  void getMailConfigAsAdminAnswersTheConfigWithoutSecretsAndItsETag() {
    signInAdmin();

    Answer answer = startWithMail().get("/admin/mail-config").send();

    assertEquals(200, answer.status(), answer.body());
    assertNotNull(answer.header("ETag"));
    JsonNode body = answer.json();
    assertTrue(body.get("active").asBoolean());
    assertEquals(MailFixtures.KEY_ID, body.at("/config/accessKeyId").asText());
    assertTrue(body.at("/config/accessKeySecretSet").asBoolean());
    assertFalse(answer.body().contains(MailFixtures.KEY_SECRET), "secrets are write-only");
  }

  @Test
  void getMailConfigWhileSignedOutAnswers401NotSignedIn() {
    assertError(startWithMail().get("/admin/mail-config").send(), 401, "not_signed_in");
  }

  @Test
  void getMailConfigWithoutAdminRoleAnswers403Forbidden() {
    app.signedIn(TestApi.user("user-1", "reader"));

    assertError(startWithMail().get("/admin/mail-config").send(), 403, "forbidden");
  }

  @Test
  void getMailConfigWithBearerTokenOnlyAnswers401NotSignedIn() {
    String token = app.tokens().accessToken("admin-1", "read:demo");

    assertError(
        startWithMail().get("/admin/mail-config").bearer(token).send(), 401, "not_signed_in");
  }

  @Test
  void putMailConfigFromForeignOriginAnswers403CrossSiteRequest() {
    signInAdmin();
    InMemoryApi api = startWithMail();
    String etag = api.get("/admin/mail-config").send().header("ETag");

    Answer answer =
        api.put("/admin/mail-config")
            .header("Origin", "https://evil.example")
            .header("X-Requested-By", "console")
            .header("If-Match", etag)
            .json(renamedConfig("Evil"))
            .send();

    assertError(answer, 403, "cross_site_request");
    assertEquals(etag, api.get("/admin/mail-config").send().header("ETag"), "nothing changed");
  }

  @Test
  void putMailConfigWithoutIfMatchAnswers428PreconditionRequired() {
    signInAdmin();

    Answer answer =
        fromConsole(startWithMail().put("/admin/mail-config")).json(renamedConfig("New")).send();

    assertError(answer, 428, "precondition_required");
  }

  @Test
  void putMailConfigWithStaleETagAnswers412PreconditionFailed() {
    signInAdmin();

    Answer answer =
        fromConsole(startWithMail().put("/admin/mail-config"))
            .header("If-Match", "\"stale\"")
            .json(renamedConfig("New"))
            .send();

    assertError(answer, 412, "precondition_failed");
  }

  @Test
  void putMailConfigWithCurrentETagSavesItKeepingTheSecretAndAnswersANewETag() {
    signInAdmin();
    InMemoryApi api = startWithMail();
    String etag = api.get("/admin/mail-config").send().header("ETag");

    Answer answer =
        fromConsole(api.put("/admin/mail-config"))
            .header("If-Match", etag)
            .json(renamedConfig("Renamed"))
            .send();

    assertEquals(200, answer.status(), answer.body());
    assertNotEquals(etag, answer.header("ETag"));
    assertEquals("Renamed", answer.json().at("/config/fromAlias").asText());
    assertEquals(MailFixtures.KEY_SECRET, mail.configStore().snapshot().config().accessKeySecret());
  }

  @Test
  void putMailConfigWithEmptyBodyAnswers400InvalidRequest() {
    signInAdmin();

    Answer answer =
        fromConsole(startWithMail().put("/admin/mail-config"))
            .header("If-Match", "*")
            .json(" ")
            .send();

    assertError(answer, 400, "invalid_request");
  }

  @Test
  void postValidateWithValidConfigAnswersValidTrue() {
    signInAdmin();

    Answer answer =
        fromConsole(startWithMail().post("/admin/mail-config/validate"))
            .json(renamedConfig("Checked"))
            .send();

    assertEquals(200, answer.status(), answer.body());
    assertEquals("{\"valid\":true}", answer.body());
  }

  @Test
  void postValidateWithInvalidSenderAnswers400ConfigViolationsListingTheField() {
    signInAdmin();
    String invalid = MailFixtures.validConfigJsonWith(c -> c.put("accountName", "not-an-address"));

    Answer answer =
        fromConsole(startWithMail().post("/admin/mail-config/validate")).json(invalid).send();

    assertError(answer, 400, "config_violations");
    assertTrue(answer.json().at("/details/violations").has("accountName"), answer.body());
  }

  @Test
  void postTestSendToInvalidRecipientAnswers400InvalidRecipient() {
    signInAdmin();

    Answer answer =
        fromConsole(startWithMail().post("/admin/mail-config/test-send"))
            .json("{\"to\":\"nobody\"}")
            .send();

    assertError(answer, 400, "invalid_recipient");
  }

  @Test
  void getMailConfigAsAdminWhenMailIsDisabledAnswers503MailDisabled() {
    signInAdmin();

    assertError(app.start().get("/admin/mail-config").send(), 503, "mail_disabled");
  }

  @Test
  void getTemplatesWithoutM2mAppShowsTheConfigurationForEveryTypeAndLocale() {
    signInAdmin();

    Answer answer = startWithMail().get("/admin/mail-config/templates").send();

    assertEquals(200, answer.status(), answer.body());
    JsonNode body = answer.json();
    assertFalse(body.at("/logto/configured").asBoolean());
    assertEquals(0, body.get("templates").size() % 9, "nine types per locale");
    assertEquals("SignIn", body.at("/templates/0/usageType").asText());
    assertTrue(body.at("/templates/0/locale").isNull(), "first the payload without a locale");
    for (JsonNode row : body.get("templates")) {
      assertEquals("configuration", row.get("origin").asText(), row.toString());
    }
  }

  @Test
  void getTemplatesShowsWhichComeFromLogtoOnceFetched() throws Exception {
    String secret = "m2m-secret-Zq8vR3xW";
    try (TestOpenIdProvider logto = TestOpenIdProvider.start(0)) {
      logto.registerMachineToMachineClient("m2m-mailer", secret);
      logto.setFallbackLanguage("en");
      logto.putEmailTemplate(
          "fr",
          "SignIn",
          Map.of(
              "subject", "Connexion",
              "content", "Code {{code}}",
              "contentType", "text/plain",
              "sendFrom", "Acme"));
      mail =
          TestMail.components(
              MailDeploymentSettings.defaults(dir.resolve("mail.json"))
                  .withLogtoTemplates(
                      new LogtoTemplateOptions(
                          logto.endpoint(),
                          "m2m-mailer",
                          secret,
                          logto.managementApiResource(),
                          Duration.ofMinutes(5),
                          Duration.ofMillis(500),
                          Duration.ofMillis(1000))));
      app.mail(mail);
      InMemoryApi api = app.start();
      signInAdmin();
      assertTrue(
          mail.logtoTemplates().orElseThrow().awaitFirstFetch(Duration.ofSeconds(10)),
          "Logto's templates were fetched");

      Answer answer = api.get("/admin/mail-config/templates").send();

      assertEquals(200, answer.status(), answer.body());
      JsonNode body = answer.json();
      assertTrue(body.at("/logto/configured").asBoolean());
      assertTrue(body.at("/logto/serving").asBoolean());
      assertFalse(body.at("/logto/lastFetchedAt").isNull());
      assertTrue(body.at("/logto/lastErrorCode").isNull());
      assertEquals("en", body.at("/logto/fallbackLanguage").asText());
      assertEquals(0, body.get("templates").size() % 9, "nine types per locale");
      JsonNode signInFr = row(body, "SignIn", "fr");
      assertEquals("logto", signInFr.get("origin").asText());
      assertEquals("text/plain", signInFr.get("contentType").asText());
      assertEquals("Acme", signInFr.get("sendFrom").asText());
      assertEquals("configuration", row(body, "SignIn", "en").get("origin").asText());
      assertEquals("configuration", row(body, "Register", "fr").get("origin").asText());
      assertFalse(answer.body().contains(secret), "the app secret is never returned");
      assertEquals(1, logto.count("/oidc/token"));
    }
  }

  private static JsonNode row(JsonNode body, String type, String locale) {
    for (JsonNode row : body.get("templates")) {
      if (row.get("usageType").asText().equals(type)
          && locale.equals(row.get("locale").asText(null))) {
        return row;
      }
    }
    throw new AssertionError("no row " + type + "/" + locale + " in " + body);
  }
}
