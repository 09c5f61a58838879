package io.logtojee.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

  private static Map<String, String> valid() {
    Map<String, String> values = new HashMap<>();
    values.put("LOGTO_ENDPOINT", "https://tenant.logto.app/");
    values.put("LOGTO_APP_ID", "app-id");
    values.put("LOGTO_APP_SECRET", "s3cret-value");
    values.put("APP_BASE_URL", "https://app.example.com");
    return values;
  }

  private static List<SettingViolation> violationsOf(Map<String, String> values) {
    return assertThrows(
            ConfigurationException.class, () -> AppSettings.load(SettingsSource.of(values)))
        .violations();
  }

  @Test
  void loadWhenValidAppliesDefaults() {
    AppSettings settings = AppSettings.load(SettingsSource.of(valid()));

    assertEquals("https://tenant.logto.app", settings.logto().logtoEndpoint());
    assertEquals("https://tenant.logto.app/oidc", settings.logto().issuer());
    assertEquals(
        "https://tenant.logto.app/oidc/.well-known/openid-configuration",
        settings.logto().discoveryUrl());
    assertEquals("https://app.example.com/callback", settings.logto().callbackUrl());
    assertEquals("https://app.example.com/", settings.logto().postSignOutUrl());
    assertEquals(
        List.of("openid", "profile", "email", "offline_access"), settings.logto().scopes());
    assertEquals(Duration.ofSeconds(60), settings.logto().clockSkew());
    assertEquals(2000, settings.logto().connectTimeoutMillis());
    assertEquals(5000, settings.logto().readTimeoutMillis());
    assertEquals("admin", settings.admin().role());
  }

  @Test
  void loadWhenEverythingMissingListsEveryRequiredKey() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> AppSettings.load(SettingsSource.of(Map.of())));

    assertEquals(
        List.of("APP_BASE_URL", "LOGTO_APP_ID", "LOGTO_APP_SECRET", "LOGTO_ENDPOINT"),
        e.violations().stream().map(SettingViolation::key).toList());
    assertTrue(e.getMessage().startsWith("Invalid configuration (4 problems):"));
  }

  @Test
  void loadWhenInvalidNeverQuotesTheSecret() {
    Map<String, String> values = valid();
    values.put("LOGTO_APP_SECRET", "x".repeat(600));
    values.put("LOGTO_ENDPOINT", "ftp://nope");

    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> AppSettings.load(SettingsSource.of(values)));

    assertFalse(e.getMessage().contains("xxxx"));
    assertEquals(
        List.of("LOGTO_APP_SECRET", "LOGTO_ENDPOINT"),
        e.violations().stream().map(SettingViolation::key).toList());
  }

  @Test
  void loadWhenUrlsCarryQueryOrUserInfoRejectsThem() {
    Map<String, String> values = valid();
    values.put("APP_BASE_URL", "https://user@app.example.com");
    values.put("LOGTO_ENDPOINT", "https://tenant.logto.app/?x=1");

    assertEquals(
        List.of("APP_BASE_URL", "LOGTO_ENDPOINT"),
        violationsOf(values).stream().map(SettingViolation::key).toList());
  }

  @Test
  void loadWhenNumbersOutOfRangeNamesEachKey() {
    Map<String, String> values = valid();
    values.put("LOGTO_CLOCK_SKEW_SECONDS", "601");
    values.put("LOGTO_CONNECT_TIMEOUT_MS", "abc");
    values.put("LOGTO_READ_TIMEOUT_MS", "99");
    values.put("SESSION_MAX_HOURS", "400");
    values.put("LOGTO_JWKS_CACHE_SECONDS", "0");

    List<SettingViolation> violations = violationsOf(values);

    assertEquals(
        List.of(
            new SettingViolation("LOGTO_CLOCK_SKEW_SECONDS", "must be between 0 and 600 seconds"),
            new SettingViolation(
                "LOGTO_CONNECT_TIMEOUT_MS", "must be a whole number of milliseconds"),
            new SettingViolation("LOGTO_JWKS_CACHE_SECONDS", "must be between 1 and 86400 seconds"),
            new SettingViolation(
                "LOGTO_READ_TIMEOUT_MS", "must be between 100 and 60000 milliseconds"),
            new SettingViolation(
                "SESSION_MAX_HOURS",
                "must be between 1 and 336 hours (Logto's own session lasts 14 days by default)")),
        violations);
  }

  @Test
  void theTokenCacheHoldsTenThousandByDefaultAndZeroTurnsItOff() {
    assertEquals(
        10_000, AppSettings.load(SettingsSource.of(valid())).logto().tokenCacheMaxEntries());
    Map<String, String> values = valid();
    values.put("LOGTO_TOKEN_CACHE_MAX_ENTRIES", "0");
    assertEquals(0, AppSettings.load(SettingsSource.of(values)).logto().tokenCacheMaxEntries());

    values.put("LOGTO_TOKEN_CACHE_MAX_ENTRIES", "100001");
    assertEquals(
        List.of(
            new SettingViolation(
                "LOGTO_TOKEN_CACHE_MAX_ENTRIES", "must be between 0 and 100000 tokens")),
        violationsOf(values));
    values.put("LOGTO_TOKEN_CACHE_MAX_ENTRIES", "-1");
    assertEquals(
        List.of(
            new SettingViolation(
                "LOGTO_TOKEN_CACHE_MAX_ENTRIES", "must be a whole number of tokens")),
        violationsOf(values));
  }

  @Test
  void mailLimitsDefaultToTenPerRecipientThirtyPerIpPerTenMinutesAndTwoThousandADay() {
    MailSettings mail = AppSettings.load(SettingsSource.of(valid())).mail();

    assertEquals(10, mail.recipientLimitMax());
    assertEquals(Duration.ofMinutes(10), mail.recipientLimitWindow());
    assertEquals(30, mail.ipLimitMax());
    assertEquals(Duration.ofMinutes(10), mail.ipLimitWindow());
    assertEquals(2000, mail.globalLimitMax());
    assertEquals(Duration.ofDays(1), mail.globalLimitWindow());
    assertEquals(100, mail.directMailMaxCallsPerSecond());
    assertEquals(Duration.ofSeconds(2), mail.directMailQueueWait());
  }

  @Test
  void directMailCallRateIsReadAndCheckedForRange() {
    Map<String, String> values = valid();
    values.put("MAIL_DM_MAX_CALLS_PER_SECOND", "2500");
    values.put("MAIL_DM_QUEUE_WAIT_MS", "0");
    MailSettings mail = AppSettings.load(SettingsSource.of(values)).mail();
    assertEquals(2500, mail.directMailMaxCallsPerSecond());
    assertEquals(Duration.ZERO, mail.directMailQueueWait());

    values.put("MAIL_DM_MAX_CALLS_PER_SECOND", "0");
    values.put("MAIL_DM_QUEUE_WAIT_MS", "10001");
    assertEquals(
        List.of(
            new SettingViolation(
                "MAIL_DM_MAX_CALLS_PER_SECOND", "must be between 1 and 10000 calls"),
            new SettingViolation(
                "MAIL_DM_QUEUE_WAIT_MS", "must be between 0 and 10000 milliseconds")),
        violationsOf(values));
  }

  @Test
  void mailLimitsAreRead() {
    Map<String, String> values = valid();
    values.put("MAIL_LIMIT_RECIPIENT_MAX", "5");
    values.put("MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", "60");
    values.put("MAIL_LIMIT_IP_MAX", "100");
    values.put("MAIL_LIMIT_IP_WINDOW_MINUTES", "1");
    values.put("MAIL_LIMIT_GLOBAL_MAX", "500000");
    values.put("MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", "10080");

    MailSettings mail = AppSettings.load(SettingsSource.of(values)).mail();

    assertEquals(5, mail.recipientLimitMax());
    assertEquals(Duration.ofHours(1), mail.recipientLimitWindow());
    assertEquals(100, mail.ipLimitMax());
    assertEquals(Duration.ofMinutes(1), mail.ipLimitWindow());
    assertEquals(500_000, mail.globalLimitMax());
    assertEquals(Duration.ofDays(7), mail.globalLimitWindow());
  }

  @Test
  void loadWhenMailLimitsAreOutOfRangeOrNotNumbersNamesEachKey() {
    Map<String, String> values = valid();
    values.put("MAIL_LIMIT_RECIPIENT_MAX", "0");
    values.put("MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", "1441");
    values.put("MAIL_LIMIT_IP_MAX", "100001");
    values.put("MAIL_LIMIT_IP_WINDOW_MINUTES", "10m");
    values.put("MAIL_LIMIT_GLOBAL_MAX", "-1");
    values.put("MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", "0");

    assertEquals(
        List.of(
            new SettingViolation("MAIL_LIMIT_GLOBAL_MAX", "must be a whole number of mails"),
            new SettingViolation(
                "MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", "must be between 1 and 10080 minutes (a week)"),
            new SettingViolation("MAIL_LIMIT_IP_MAX", "must be between 1 and 100000 mails"),
            new SettingViolation(
                "MAIL_LIMIT_IP_WINDOW_MINUTES", "must be a whole number of minutes"),
            new SettingViolation("MAIL_LIMIT_RECIPIENT_MAX", "must be between 1 and 1000 mails"),
            new SettingViolation(
                "MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", "must be between 1 and 1440 minutes")),
        violationsOf(values));
  }

  @Test
  void mailLimitsAtTheEdgesOfTheirRangesAreAccepted() {
    Map<String, String> values = valid();
    values.put("MAIL_LIMIT_RECIPIENT_MAX", "1000");
    values.put("MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", "1");
    values.put("MAIL_LIMIT_IP_MAX", "1");
    values.put("MAIL_LIMIT_IP_WINDOW_MINUTES", "1440");
    values.put("MAIL_LIMIT_GLOBAL_MAX", "1");
    values.put("MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", "1");

    MailSettings mail = AppSettings.load(SettingsSource.of(values)).mail();

    assertEquals(1000, mail.recipientLimitMax());
    assertEquals(1, mail.globalLimitMax());
  }

  @Test
  void loadWhenPostSignOutUrlOnAnotherOriginRejectsIt() {
    Map<String, String> values = valid();
    values.put("LOGTO_POST_SIGN_OUT_URL", "https://evil.test/");

    assertEquals(
        List.of(
            new SettingViolation(
                "LOGTO_POST_SIGN_OUT_URL", "must have the same origin as APP_BASE_URL")),
        violationsOf(values));
  }

  @Test
  void scopesAddConfiguredOnesWithoutDuplicates() {
    Map<String, String> values = valid();
    values.put("LOGTO_SCOPES", "roles, urn:logto:scope:organizations openid");

    assertEquals(
        List.of(
            "openid",
            "profile",
            "email",
            "offline_access",
            "roles",
            "urn:logto:scope:organizations"),
        AppSettings.load(SettingsSource.of(values)).logto().scopes());
  }

  @Test
  void layeredSourcePrefersTheFirstLayerAndSkipsBlankValues() {
    SettingsSource source =
        SettingsSource.layered(
            Map.of("A", " ", "B", "first")::get, Map.of("A", "second", "B", "x")::get);

    assertEquals("second", source.get("A").orElseThrow());
    assertEquals("first", source.get("B").orElseThrow());
    assertTrue(source.get("C").isEmpty());
  }

  @Test
  void toStringNeverContainsTheSecret() {
    assertFalse(AppSettings.load(SettingsSource.of(valid())).toString().contains("s3cret-value"));
  }

  @Test
  void logtoTemplatesAreOffUnlessBothM2mIdAndSecretAreSet() {
    MailSettings off = AppSettings.load(SettingsSource.of(valid())).mail();
    assertFalse(off.logtoTemplatesEnabled());
    assertEquals("https://default.logto.app/api", off.m2mResource());
    assertEquals(java.time.Duration.ofMinutes(5), off.logtoTemplatesTtl());

    Map<String, String> values = valid();
    values.put("LOGTO_M2M_APP_ID", "m2m-mailer");
    values.put("LOGTO_M2M_APP_SECRET", "m2m-secret-Zq8vR3xW");
    values.put("LOGTO_M2M_RESOURCE", "https://tenant1.logto.app/api");
    values.put("MAIL_LOGTO_TEMPLATES_TTL_SECONDS", "60");
    AppSettings settings = AppSettings.load(SettingsSource.of(values));
    assertTrue(settings.mail().logtoTemplatesEnabled());
    assertEquals("https://tenant1.logto.app/api", settings.mail().m2mResource());
    assertEquals(java.time.Duration.ofMinutes(1), settings.mail().logtoTemplatesTtl());
    assertFalse(settings.toString().contains("m2m-secret-Zq8vR3xW"), settings.toString());
    assertTrue(settings.toString().contains("m2mAppSecret=(set)"), settings.toString());
  }

  @Test
  void loadWhenOnlyOneM2mSettingOrABadTtlNamesTheKey() {
    Map<String, String> values = valid();
    values.put("LOGTO_M2M_APP_ID", "m2m-mailer");
    values.put("MAIL_LOGTO_TEMPLATES_TTL_SECONDS", "5");
    values.put("LOGTO_M2M_RESOURCE", "not a url");

    assertEquals(
        List.of("LOGTO_M2M_APP_ID", "LOGTO_M2M_RESOURCE", "MAIL_LOGTO_TEMPLATES_TTL_SECONDS"),
        violationsOf(values).stream().map(SettingViolation::key).toList());
  }
}
