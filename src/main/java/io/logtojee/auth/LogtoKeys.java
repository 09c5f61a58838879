package io.logtojee.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.logtojee.config.AppSettings;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

/**
 * Logto's signing keys, fetched from its JWKS endpoint. The cache keeps keys for 15 minutes, an
 * unknown {@code kid} triggers a refetch at most once per cooldown so a flood of made-up key ids
 * cannot turn into a flood of JWKS requests, and the last good keys keep serving for a day while
 * the endpoint fails.
 */
public final class LogtoKeys {

  static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(15);
  static final Duration REFETCH_COOLDOWN = Duration.ofSeconds(30);
  static final Duration OUTAGE_TOLERANCE = Duration.ofHours(24);
  private static final int MAX_JWKS_BYTES = 256 * 1024;

  private LogtoKeys() {}

  /** A key source for the tenant in {@code settings}. */
  public static JWKSource<SecurityContext> forTenant(AppSettings settings) {
    try {
      var retriever =
          new DefaultResourceRetriever(
              settings.connectTimeoutMillis(), settings.readTimeoutMillis(), MAX_JWKS_BYTES);
      return JWKSourceBuilder.<SecurityContext>create(
              URI.create(settings.issuer() + "/jwks").toURL(), retriever)
          .cache(CACHE_TIME_TO_LIVE.toMillis(), settings.readTimeoutMillis() + 1000L)
          .refreshAheadCache(false)
          .rateLimited(REFETCH_COOLDOWN.toMillis())
          .outageTolerant(OUTAGE_TOLERANCE.toMillis())
          .retrying(false)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Invalid JWKS URL", e);
    }
  }
}
