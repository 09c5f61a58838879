package io.logtojee.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logtojee.config.AppSettings;
import io.logtojee.config.LogtoSettings;
import io.logtojee.config.SettingsSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key policy a deployment gets from its settings. */
class LogtoKeysTest {

  private static LogtoSettings settings(String jwksCacheSeconds) {
    Map<String, String> values = new HashMap<>();
    values.put("LOGTO_ENDPOINT", "https://tenant.logto.example");
    values.put("LOGTO_APP_ID", "app");
    values.put("LOGTO_APP_SECRET", "secret");
    values.put("APP_BASE_URL", "https://app.example.test");
    if (jwksCacheSeconds != null) {
      values.put("LOGTO_JWKS_CACHE_SECONDS", jwksCacheSeconds);
    }
    return AppSettings.load(SettingsSource.of(values)).logto();
  }

  private static KeyRefreshPolicy policyFor(String jwksCacheSeconds) {
    return ((LogtoKeySet) LogtoKeys.forTenant(settings(jwksCacheSeconds))).policy();
  }

  @Test
  void withoutTheSettingTheDefaultPolicyApplies() {
    assertEquals(KeyRefreshPolicy.DEFAULT, policyFor(null));
  }

  @Test
  void aShortCacheTimeKeepsTheOneDayOutageTolerance() {
    KeyRefreshPolicy policy = policyFor("1");

    assertEquals(Duration.ofSeconds(1), policy.cacheTimeToLive());
    assertEquals(Duration.ofHours(24), policy.outageTolerance());
    assertEquals(Duration.ofSeconds(30), policy.refetchCooldown());
  }

  @Test
  void aCacheTimeLongerThanADayStretchesTheOutageToleranceToIt() {
    KeyRefreshPolicy policy = policyFor("86400");

    assertEquals(Duration.ofDays(1), policy.cacheTimeToLive());
    assertEquals(Duration.ofDays(1), policy.outageTolerance());
  }
}
