package io.logtojee.mail.template.logto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.LogCapture;
import io.logtojee.mail.template.LogtoTemplatesStatus;
import io.logtojee.mail.template.ResolvedTemplate;
import io.logtojee.mail.template.TemplateOrigin;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.op.RecordedRequest;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logto's templates through the test Logto's Management API: core's choice among them, the token
 * cache, the last good set while Logto fails, and the configuration's turn when there is none.
 */
class CachedLogtoTemplatesTest {
  private static final String APP_ID = "m2m-mailer";
  private static final String SECRET = "m2m-secret-Zq8vR3xW";
  private static final String TEMPLATES = "/api/email-templates";
  private static final String TOKEN = "/oidc/token";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private TestOpenIdProvider logto;
  private CachedLogtoTemplates templates;

  @BeforeEach
  void start() {
    logto = TestOpenIdProvider.start(0);
    logto.registerMachineToMachineClient(APP_ID, SECRET);
    logto.setFallbackLanguage("en");
    logto.putEmailTemplate("en", "SignIn", details("Sign in", "<p>{{code}}</p>"));
    logto.putEmailTemplate("fr", "SignIn", details("Connexion", "<p>{{code}}</p>"));
    logto.putEmailTemplate("en", "Generic", details("Your code", "<p>{{code}}</p>"));
    logto.putEmailTemplate("de", "Register", details("Registrierung", "<p>{{code}}</p>"));
    templates = cache(options(logto.managementApiResource(), Duration.ofMinutes(5)));
  }

  @AfterEach
  void stop() {
    templates.close();
    logto.close();
  }

  private LogtoTemplateOptions options(String resource, Duration refresh) {
    return new LogtoTemplateOptions(
        logto.endpoint(),
        APP_ID,
        SECRET,
        resource,
        refresh,
        Duration.ofMillis(500),
        Duration.ofMillis(700));
  }

  private CachedLogtoTemplates cache(LogtoTemplateOptions options) {
    return CachedLogtoTemplates.forManagementApi(options, clock);
  }

  private static Map<String, String> details(String subject, String content) {
    return Map.of("subject", subject, "content", content);
  }

  private String subjectFor(String type, String locale) {
    return templates.find(type, locale).map(ResolvedTemplate::subject).orElse(null);
  }

  // ---------------------------------------------------------------- Logto core's fallback steps

  @Test
  void thePayloadLocalesTemplateComesFirst() {
    assertTrue(templates.refresh());

    ResolvedTemplate template = templates.find("SignIn", "fr").orElseThrow();
    assertEquals("Connexion", template.subject());
    assertEquals("fr", template.languageTag());
    assertEquals(TemplateOrigin.LOGTO, template.origin());
  }

  @Test
  void withoutOneTheFallbackLanguagesTemplateOfTheSameType() {
    assertTrue(templates.refresh());

    assertEquals("Sign in", subjectFor("SignIn", "de"));
    assertEquals("Sign in", subjectFor("SignIn", null), "no locale in the payload");
    assertEquals("Sign in", subjectFor("SignIn", "FR"), "language tags match exactly, as in SQL");
  }

  @Test
  void thenTheGenericTemplateInTheFallbackLanguage() {
    assertTrue(templates.refresh());

    ResolvedTemplate template = templates.find("ForgotPassword", "fr").orElseThrow();
    assertEquals("Your code", template.subject());
    assertEquals("Generic", template.usageType());
    assertEquals("en", template.languageTag());
    // The Generic template of the payload's own language is not one of core's steps.
    assertEquals("Registrierung", subjectFor("Register", "de"));
  }

  @Test
  void otherwiseNothingFromLogtoSoTheConfigurationServes() {
    logto.deleteEmailTemplates();
    logto.putEmailTemplate("fr", "Generic", details("Code", "<p>{{code}}</p>"));
    assertTrue(templates.refresh());

    assertEquals(Optional.empty(), templates.find("SignIn", "de"));
    assertEquals(
        Optional.empty(),
        templates.find("SignIn", "fr"),
        "Generic only in the fallback language, as in core");
    assertEquals("Code", subjectFor("Generic", "fr"));
  }

  @Test
  void theFallbackLanguageComesFromTheSignInExperience() {
    logto.setFallbackLanguage("fr");
    assertTrue(templates.refresh());

    assertEquals("Connexion", subjectFor("SignIn", "es"));
    assertEquals("fr", templates.status().fallbackLanguage());
  }

  @Test
  void contentTypeAndSendFromAreKept() {
    logto.putEmailTemplate(
        "en",
        "SignIn",
        Map.of(
            "subject", "Sign in",
            "content", "Code: {{code}}",
            "contentType", "text/plain",
            "sendFrom", "{{application.name}} team",
            "replyTo", "help@example.test"));
    assertTrue(templates.refresh());

    ResolvedTemplate template = templates.find("SignIn", "en").orElseThrow();
    assertEquals(BodyFormat.TEXT, template.format());
    assertEquals("{{application.name}} team", template.sendFrom());
    assertEquals(BodyFormat.HTML, templates.find("SignIn", "fr").orElseThrow().format());
  }

  @Test
  void templatesOfUnknownTypesOrWithoutContentAreSkipped() {
    logto.putEmailTemplate("en", "Newsletter", details("News", "<p>x</p>"));
    logto.putEmailTemplate("es", "SignIn", Map.of("subject", "Hola"));
    assertTrue(templates.refresh());

    assertEquals(4, templates.status().templateCount());
    assertEquals("Sign in", subjectFor("SignIn", "es"));
  }

  // ---------------------------------------------------------------- the token

  @Test
  void theTokenIsAskedForWithBasicAuthResourceAndScopeAndThenCached() {
    assertTrue(templates.refresh());
    assertTrue(templates.refresh());
    assertTrue(templates.refresh());

    assertEquals(1, logto.count(TOKEN));
    assertEquals(3, logto.count(TEMPLATES));
    RecordedRequest tokenRequest = logto.requests(TOKEN).get(0);
    assertEquals("client_credentials", tokenRequest.form().get("grant_type").get(0));
    assertEquals("https://default.logto.app/api", tokenRequest.form().get("resource").get(0));
    assertEquals("all", tokenRequest.form().get("scope").get(0));
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString((APP_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8)),
        tokenRequest.headers().get("authorization").get(0));
    assertFalse(tokenRequest.body().contains(SECRET), "the secret goes only in the header");
  }

  @Test
  void aNewTokenIsFetchedShortlyBeforeTheOldOneExpires() {
    logto.setManagementTokenLifetime(Duration.ofSeconds(600));
    assertTrue(templates.refresh());

    clock.advance(Duration.ofSeconds(539));
    assertTrue(templates.refresh());
    assertEquals(1, logto.count(TOKEN), "still a minute left");

    clock.advance(Duration.ofSeconds(2));
    assertTrue(templates.refresh());
    assertEquals(2, logto.count(TOKEN), "renewed a minute before expires_in");
  }

  @Test
  void aTokenTheApiNoLongerKnowsIsReplacedOnce() {
    assertTrue(templates.refresh());
    logto.revokeManagementTokens();

    assertTrue(templates.refresh());
    assertEquals(2, logto.count(TOKEN));
  }

  @Test
  void aWrongResourceIsRefusedByTheTokenEndpoint() {
    try (CachedLogtoTemplates cloud =
        cache(options("https://tenant1.logto.app/api", Duration.ofMinutes(5)))) {
      assertFalse(cloud.refresh());
      assertEquals("token_refused", cloud.status().lastErrorCode());
      assertEquals(0, logto.count(TEMPLATES));
    }
  }

  @Test
  void theResourceIsConfigurableForLogtoCloud() {
    logto.setManagementApiResource("https://tenant1.logto.app/api");
    try (CachedLogtoTemplates cloud =
        cache(options("https://tenant1.logto.app/api", Duration.ofMinutes(5)))) {
      assertTrue(cloud.refresh());
    }
  }

  // ---------------------------------------------------------------- Logto failing

  @Test
  void whenLogtoBecomesUnreachableTheLastFetchedTemplatesKeepServing() {
    assertTrue(templates.refresh());
    Instant fetched = clock.instant();
    logto.stopListening();
    clock.advance(Duration.ofMinutes(10));

    assertFalse(templates.refresh());

    assertEquals("Connexion", subjectFor("SignIn", "fr"));
    LogtoTemplatesStatus status = templates.status();
    assertTrue(status.configured());
    assertTrue(status.serving());
    assertEquals(fetched, status.lastFetchedAt());
    assertEquals("unreachable", status.lastErrorCode());
  }

  @Test
  void theLastFetchedTemplatesServeForADayThenTheConfigurationsDo() {
    assertTrue(templates.refresh());
    logto.stopListening();

    clock.advance(Duration.ofHours(23));
    assertFalse(templates.refresh());
    assertNotNull(subjectFor("SignIn", "fr"));

    clock.advance(Duration.ofHours(2));
    assertFalse(templates.refresh());
    assertEquals(Optional.empty(), templates.find("SignIn", "fr"));
    assertFalse(templates.status().serving());
  }

  @Test
  void unreachableFromTheStartMeansTheConfigurationServes() {
    logto.stopListening();

    assertFalse(templates.refresh());

    assertEquals(Optional.empty(), templates.find("SignIn", "fr"));
    LogtoTemplatesStatus status = templates.status();
    assertFalse(status.serving());
    assertNull(status.lastFetchedAt());
    assertEquals("unreachable", status.lastErrorCode());
  }

  @Test
  void eachFaultHasItsCodeAndKeepsTheLastGoodSet() {
    assertTrue(templates.refresh());

    logto.enable(Scenario.MANAGEMENT_API_500);
    assertFalse(templates.refresh());
    assertEquals("server_error", templates.status().lastErrorCode());
    logto.reset();

    logto.enable(Scenario.MANAGEMENT_API_401);
    assertFalse(templates.refresh());
    assertEquals("unauthorized", templates.status().lastErrorCode());
    logto.reset();

    logto.enable(Scenario.MANAGEMENT_API_DOWN);
    assertFalse(templates.refresh());
    assertEquals("unreachable", templates.status().lastErrorCode());
    logto.reset();

    logto.enable(Scenario.MANAGEMENT_API_SLOW);
    long started = System.nanoTime();
    assertFalse(templates.refresh());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5000, "bounded");
    assertEquals("timeout", templates.status().lastErrorCode());
    logto.reset();

    assertEquals("Connexion", subjectFor("SignIn", "fr"));
    assertTrue(templates.refresh());
    assertNull(templates.status().lastErrorCode());
  }

  // ---------------------------------------------------------------- background refresh

  @Test
  void theBackgroundThreadFetchesAtOnceAndAgainAfterEachTimeToLive() throws Exception {
    CachedLogtoTemplates refreshing =
        CachedLogtoTemplates.forManagementApi(
            options(logto.managementApiResource(), Duration.ofMillis(200)),
            java.time.Clock.systemUTC());
    try (refreshing) {
      refreshing.start();
      assertTrue(refreshing.awaitFirstFetch(Duration.ofSeconds(10)), "fetched at once");
      assertTrue(logto.awaitCount(TEMPLATES, 3, Duration.ofSeconds(10)));
      assertEquals("Connexion", refreshing.find("SignIn", "fr").orElseThrow().subject());
      assertEquals(1, logto.count(TOKEN), "one token for every refresh");
      assertFalse(refreshing.stopped());
    }
    assertTrue(refreshing.stopped(), "closing ends the refresh thread: no fetch follows");
  }

  @Test
  void aNewTemplateIsUsedAfterTheNextRefresh() {
    assertTrue(templates.refresh());
    logto.putEmailTemplate("fr", "SignIn", details("Connexion 2", "<p>{{code}}</p>"));
    assertEquals("Connexion", subjectFor("SignIn", "fr"), "cached until the refresh");

    assertTrue(templates.refresh());
    assertEquals("Connexion 2", subjectFor("SignIn", "fr"));
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void theSecretAndTokensAreNeverLoggedNorShown() {
    try (LogCapture logs = LogCapture.logsOf("io.logtojee.mail.template")) {
      assertTrue(templates.refresh());
      String token = logto.requests(TEMPLATES).get(0).headers().get("authorization").get(0);
      logto.enable(Scenario.MANAGEMENT_API_401);
      assertFalse(templates.refresh());
      logto.reset();
      try (CachedLogtoTemplates refused =
          cache(options("https://tenant1.logto.app/api", Duration.ofMinutes(5)))) {
        assertFalse(refused.refresh());
      }
      logto.stopListening();
      assertFalse(templates.refresh());

      String basic =
          Base64.getEncoder()
              .encodeToString((APP_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
      String text = logs.text();
      assertTrue(text.contains("token_refused"), text);
      assertTrue(text.contains("unauthorized"), text);
      assertFalse(text.contains(SECRET), text);
      assertFalse(text.contains(basic), text);
      assertFalse(text.contains(token.substring("Bearer ".length())), text);
    }
    assertFalse(
        options(logto.managementApiResource(), Duration.ofMinutes(5)).toString().contains(SECRET));
    assertFalse(templates.status().toString().contains(SECRET));
  }
}
