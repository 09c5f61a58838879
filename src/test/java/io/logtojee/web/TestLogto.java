package io.logtojee.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.auth.LogtoKeys;
import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.session.InMemorySessionDirectory;
import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.testsupport.servlet.FakeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A sign-in set up against a Logto that is never there (nothing listens on port 1, and the connect
 * timeout is 100 ms), for the "Logto not ready" paths of the web filters.
 */
final class TestLogto {

  static final String APP_BASE_URL = "https://app.example.test";

  static final AppSettings SETTINGS =
      AppSettings.load(
          SettingsSource.of(
              Map.of(
                  "LOGTO_ENDPOINT", "http://127.0.0.1:1",
                  "LOGTO_APP_ID", "app-under-test",
                  "LOGTO_APP_SECRET", "app-under-test-secret",
                  "APP_BASE_URL", APP_BASE_URL,
                  "LOGTO_CONNECT_TIMEOUT_MS", "100",
                  "LOGTO_READ_TIMEOUT_MS", "100")));

  /** Shared: pac4j tries Logto again at most every 5 s, so later tests pay nothing. */
  static final LogtoSignIn UNREACHABLE =
      new LogtoSignIn(
          SETTINGS.logto(),
          SETTINGS.sessions(),
          LogtoKeys.forTenant(SETTINGS.logto()),
          new InMemorySessionDirectory());

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestLogto() {}

  static JsonNode json(FakeResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + response.body(), e);
    }
  }
}
