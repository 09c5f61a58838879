package io.logtojee.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.mail.limit.LimitRule;
import io.logtojee.mail.limit.SendLimitPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The composition root turns the {@code MAIL_LIMIT_*} settings into the limits the sender uses. */
class ApplicationSendLimitsTest {

  private static Map<String, String> required() {
    Map<String, String> values = new HashMap<>();
    values.put("LOGTO_ENDPOINT", "https://tenant.logto.app");
    values.put("LOGTO_APP_ID", "app-id");
    values.put("LOGTO_APP_SECRET", "s3cret-value");
    values.put("APP_BASE_URL", "https://app.example.com");
    return values;
  }

  @Test
  void theDefaultSettingsAreTodaysLimits() {
    AppSettings settings = AppSettings.load(SettingsSource.of(required()));

    assertEquals(SendLimitPolicy.defaults(), Application.sendLimits(settings.mail()));
  }

  @Test
  void eachSettingReachesItsRule() {
    Map<String, String> values = required();
    values.put("MAIL_LIMIT_RECIPIENT_MAX", "3");
    values.put("MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", "5");
    values.put("MAIL_LIMIT_IP_MAX", "40");
    values.put("MAIL_LIMIT_IP_WINDOW_MINUTES", "15");
    values.put("MAIL_LIMIT_GLOBAL_MAX", "900");
    values.put("MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", "720");

    SendLimitPolicy limits =
        Application.sendLimits(AppSettings.load(SettingsSource.of(values)).mail());

    assertEquals(
        new SendLimitPolicy(
            LimitRule.of(3, Duration.ofMinutes(5)),
            LimitRule.of(40, Duration.ofMinutes(15)),
            LimitRule.of(900, Duration.ofHours(12))),
        limits);
  }
}
