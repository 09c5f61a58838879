package io.logtojee.auth;

import io.logtojee.config.AppSettings;
import io.logtojee.config.LogtoSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TestOpenIdProvider} on a free port with this application registered, the settings that
 * point at it, and Logto's key set on a {@link MutableClock}.
 */
public final class TestTenant implements AutoCloseable {

  public static final String CLIENT_ID = "app-under-test";
  public static final String CLIENT_SECRET = "app-under-test-secret";
  public static final String API = "https://api.example.test";
  public static final String OTHER_API = "https://other-api.example.test";
  public static final String CALLBACK = "https://app.example.test/callback";

  public final TestOpenIdProvider op;
  public final MutableClock keyClock = MutableClock.startingNow();
  public final LogtoKeySet keys;
  public final LogtoSettings settings;

  private TestTenant(KeyRefreshPolicy policy) {
    op = TestOpenIdProvider.start(0);
    op.registerClient(CLIENT_ID, CLIENT_SECRET, Set.of(CALLBACK), Set.of());
    settings =
        AppSettings.load(
                SettingsSource.of(
                    Map.of(
                        "LOGTO_ENDPOINT",
                        op.endpoint(),
                        "LOGTO_APP_ID",
                        CLIENT_ID,
                        "LOGTO_APP_SECRET",
                        CLIENT_SECRET,
                        "APP_BASE_URL",
                        "https://app.example.test",
                        "LOGTO_API_RESOURCE",
                        API + "," + OTHER_API,
                        "LOGTO_CONNECT_TIMEOUT_MS",
                        "1000",
                        "LOGTO_READ_TIMEOUT_MS",
                        "2000")))
            .logto();
    keys = LogtoKeys.forTenant(settings, policy, keyClock);
  }

  /** With the default key policy: 15 min cache, 30 s cooldown, 24 h outage tolerance. */
  public static TestTenant start() {
    return new TestTenant(KeyRefreshPolicy.DEFAULT);
  }

  public long jwksFetches() {
    return op.count("/oidc/jwks");
  }

  /** A claims override map that, unlike {@code Map.of}, takes null values (null removes). */
  public static Map<String, Object> claims(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  @Override
  public void close() {
    op.close();
  }
}
