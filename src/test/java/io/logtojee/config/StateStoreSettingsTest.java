package io.logtojee.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * STATE_STORE and the Redis settings: memory by default, a valid URL with redis, no secret shown.
 */
class StateStoreSettingsTest {

  private static Map<String, String> valid(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("LOGTO_ENDPOINT", "https://tenant.logto.app");
    values.put("LOGTO_APP_ID", "app");
    values.put("LOGTO_APP_SECRET", "app-secret");
    values.put("APP_BASE_URL", "https://app.example.com");
    values.putAll(extra);
    return values;
  }

  private static StateStoreSettings load(Map<String, String> extra) {
    return AppSettings.load(SettingsSource.of(valid(extra))).state();
  }

  private static List<String> violatedKeys(Map<String, String> extra) {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> AppSettings.load(SettingsSource.of(valid(extra))));
    return e.violations().stream().map(SettingViolation::key).toList();
  }

  @Test
  void memoryIsTheDefault() {
    StateStoreSettings settings = load(Map.of());

    assertEquals(StateStoreSettings.Kind.MEMORY, settings.kind());
    assertEquals(Duration.ofMillis(2000), settings.redisTimeout());
    assertEquals("stateStore=memory", settings.toString());
  }

  @Test
  void redisNeedsAUrl() {
    assertEquals(List.of("REDIS_URL"), violatedKeys(Map.of("STATE_STORE", "redis")));
  }

  @Test
  void onlyRedisAndRedissUrlsWithAHostAreAccepted() {
    for (String url :
        List.of("http://redis:6379", "redis://", "redis:///0", "redis://h:6379/db", "nonsense")) {
      assertEquals(
          List.of("REDIS_URL"),
          violatedKeys(Map.of("STATE_STORE", "redis", "REDIS_URL", url)),
          url);
    }
    assertEquals(
        URI.create("rediss://cache.internal:6380/2"),
        load(Map.of("STATE_STORE", "redis", "REDIS_URL", "rediss://cache.internal:6380/2"))
            .redisUri()
            .orElseThrow());
  }

  @Test
  void unknownStoresAndTimeoutsOutOfRangeAreRefused() {
    assertEquals(List.of("STATE_STORE"), violatedKeys(Map.of("STATE_STORE", "postgres")));
    assertEquals(List.of("REDIS_TIMEOUT_MS"), violatedKeys(Map.of("REDIS_TIMEOUT_MS", "50")));
  }

  @Test
  void thePasswordComesFromRedisPasswordOrTheUrlButNotBoth() {
    StateStoreSettings fromSetting =
        load(
            Map.of(
                "STATE_STORE", "redis",
                "REDIS_URL", "redis://cache:6379",
                "REDIS_PASSWORD", "pw-from-setting"));
    StateStoreSettings fromUrl =
        load(Map.of("STATE_STORE", "redis", "REDIS_URL", "redis://app:pw-from-url@cache:6379"));

    assertEquals(Optional.of("pw-from-setting"), fromSetting.redisPassword());
    assertEquals(Optional.of("pw-from-url"), fromUrl.redisPassword());
    assertEquals(
        List.of("REDIS_PASSWORD"),
        violatedKeys(
            Map.of(
                "STATE_STORE", "redis",
                "REDIS_URL", "redis://app:pw-from-url@cache:6379",
                "REDIS_PASSWORD", "pw-from-setting")));
  }

  @Test
  void noPasswordIsEverLogged() {
    AppSettings settings =
        AppSettings.load(
            SettingsSource.of(
                valid(
                    Map.of(
                        "STATE_STORE", "redis",
                        "REDIS_URL", "rediss://app:pw-in-url@cache:6380/1"))));
    AppSettings withSetting =
        AppSettings.load(
            SettingsSource.of(
                valid(
                    Map.of(
                        "STATE_STORE", "redis",
                        "REDIS_URL", "redis://cache:6379",
                        "REDIS_PASSWORD", "pw-in-setting"))));

    assertFalse(settings.toString().contains("pw-in-url"), settings.toString());
    assertTrue(
        settings.toString().contains("redisUrl=rediss://app:***@cache:6380/1"),
        settings.toString());
    assertFalse(withSetting.toString().contains("pw-in-setting"), withSetting.toString());
    assertTrue(withSetting.toString().contains("redisPassword=(set)"), withSetting.toString());
    assertTrue(
        AppSettings.declared().stream()
            .anyMatch(s -> s.value().equals("REDIS_PASSWORD") && s.secret()));
  }

  @Test
  void aViolationNeverQuotesTheUrlItMayHoldAPassword() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                AppSettings.load(
                    SettingsSource.of(
                        valid(
                            Map.of(
                                "STATE_STORE", "redis",
                                "REDIS_URL", "http://app:leaky-pw@cache:6379")))));
    assertFalse(e.getMessage().contains("leaky-pw"), e.getMessage());
  }
}
