package io.logtojee.auth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.logtojee.config.LogtoSettings;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Logto's signing keys, fetched from its JWKS endpoint by a {@link LogtoKeySet}: cached for {@code
 * LOGTO_JWKS_CACHE_SECONDS} (15 minutes by default), an unknown {@code kid} triggers a refetch at
 * most once per 30-second cooldown so a flood of made-up key ids cannot turn into a flood of JWKS
 * requests, and the last good keys keep serving for a day while the endpoint fails. One instance
 * serves ID tokens, Bearer access tokens and logout tokens alike.
 */
public final class LogtoKeys {

  private static final int MAX_JWKS_BYTES = 256 * 1024;

  private LogtoKeys() {}

  /**
   * A key source for the tenant in {@code settings}: the default policy with the configured cache
   * time. The outage tolerance is never shorter than the cache time.
   */
  public static LogtoKeySet forTenant(LogtoSettings settings) {
    KeyRefreshPolicy defaults = KeyRefreshPolicy.DEFAULT;
    Duration cacheTime = settings.jwksCacheTimeToLive();
    Duration outageTolerance =
        cacheTime.compareTo(defaults.outageTolerance()) > 0
            ? cacheTime
            : defaults.outageTolerance();
    return forTenant(
        settings,
        new KeyRefreshPolicy(cacheTime, defaults.refetchCooldown(), outageTolerance),
        Clock.systemUTC());
  }

  /** A key source for the tenant in {@code settings} with the given policy and clock. */
  public static LogtoKeySet forTenant(
      LogtoSettings settings, KeyRefreshPolicy policy, Clock clock) {
    var retriever =
        new DefaultResourceRetriever(
            settings.connectTimeoutMillis(), settings.readTimeoutMillis(), MAX_JWKS_BYTES);
    try {
      return new LogtoKeySet(
          URI.create(settings.issuer() + "/jwks").toURL(), retriever, policy, clock);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Invalid JWKS URL", e);
    }
  }
}
