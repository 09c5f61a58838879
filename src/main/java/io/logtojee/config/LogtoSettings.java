package io.logtojee.config;

import static io.logtojee.config.Numbers.WHOLE_NUMBER;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How this application talks to its Logto tenant: endpoint, client credentials, scopes, API
 * resources and timeouts. Each field names its deployment key and default; the README's table lists
 * them.
 */
public final class LogtoSettings {

  @Setting("LOGTO_ENDPOINT")
  @NotBlank(
      message = "is required (your Logto tenant endpoint, for example https://abc123.logto.app)")
  @HttpUrl
  private String logtoEndpoint;

  @Setting("LOGTO_APP_ID")
  @NotBlank(message = "is required (the App ID of a Traditional web application in Logto)")
  @Pattern(
      regexp = "[A-Za-z0-9_.-]{1,128}",
      message = "must be 1 to 128 letters, digits, '_', '.' or '-'")
  private String appId;

  @Setting(value = "LOGTO_APP_SECRET", secret = true)
  @NotBlank(message = "is required (the App secret of that application)")
  @Size(max = 512, message = "must be at most 512 characters")
  private String appSecret;

  @Setting("APP_BASE_URL")
  @NotBlank(
      message =
          "is required (the public URL of this application, for example https://app.example.com)")
  @HttpUrl
  private String appBaseUrl;

  @Setting("LOGTO_SCOPES")
  @Pattern(
      regexp = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+([ ,]+[\\x21\\x23-\\x5B\\x5D-\\x7E]+)*",
      message = "must be scope names separated by spaces or commas")
  private String extraScopes;

  @Setting("LOGTO_API_RESOURCE")
  private String apiResources;

  @Setting("LOGTO_POST_SIGN_OUT_URL")
  @HttpUrl
  private String postSignOutUrl;

  @Setting(value = "LOGTO_CLOCK_SKEW_SECONDS", defaultValue = "60")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of seconds")
  private String clockSkewSeconds;

  @Setting(value = "LOGTO_CONNECT_TIMEOUT_MS", defaultValue = "2000")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of milliseconds")
  private String connectTimeoutMillis;

  @Setting(value = "LOGTO_READ_TIMEOUT_MS", defaultValue = "5000")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of milliseconds")
  private String readTimeoutMillis;

  @Setting(value = "LOGTO_JWKS_CACHE_SECONDS", defaultValue = "900")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of seconds")
  private String jwksCacheSeconds;

  @Setting(value = "LOGTO_TOKEN_CACHE_MAX_ENTRIES", defaultValue = "10000")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of tokens")
  private String tokenCacheMaxEntries;

  LogtoSettings() {}

  @AssertTrue(message = "must be between 0 and 600 seconds")
  private boolean isClockSkewSecondsInRange() {
    return Numbers.inRange(clockSkewSeconds, 0, 600);
  }

  @AssertTrue(message = "must be between 100 and 60000 milliseconds")
  private boolean isConnectTimeoutMillisInRange() {
    return Numbers.inRange(connectTimeoutMillis, 100, 60_000);
  }

  @AssertTrue(message = "must be between 100 and 60000 milliseconds")
  private boolean isReadTimeoutMillisInRange() {
    return Numbers.inRange(readTimeoutMillis, 100, 60_000);
  }

  @AssertTrue(message = "must be between 1 and 86400 seconds")
  private boolean isJwksCacheSecondsInRange() {
    return Numbers.inRange(jwksCacheSeconds, 1, 86_400);
  }

  @AssertTrue(message = "must be between 0 and 100000 tokens")
  private boolean isTokenCacheMaxEntriesInRange() {
    return Numbers.inRange(tokenCacheMaxEntries, 0, 100_000);
  }

  @AssertTrue(message = "must be absolute URIs separated by commas")
  private boolean isApiResourcesValid() {
    if (apiResources == null) {
      return true;
    }
    for (String resource : apiResources()) {
      try {
        if (!URI.create(resource).isAbsolute()) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }

  @AssertTrue(message = "must have the same origin as APP_BASE_URL")
  private boolean isPostSignOutUrlSameOrigin() {
    if (postSignOutUrl == null
        || appBaseUrl == null
        || !HttpUrlValidator.isHttpUrl(postSignOutUrl)
        || !HttpUrlValidator.isHttpUrl(appBaseUrl)) {
      return true;
    }
    return origin(URI.create(postSignOutUrl)).equals(origin(URI.create(appBaseUrl)));
  }

  private static String origin(URI uri) {
    int port = uri.getPort();
    if (port == -1) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase() + ":" + port;
  }

  /** Logto's tenant endpoint without a trailing slash. */
  public String logtoEndpoint() {
    return Numbers.stripTrailingSlash(logtoEndpoint);
  }

  /** The issuer Logto puts into every token: {@code <endpoint>/oidc}. */
  public String issuer() {
    return logtoEndpoint() + "/oidc";
  }

  public String discoveryUrl() {
    return issuer() + "/.well-known/openid-configuration";
  }

  public String appId() {
    return appId;
  }

  public String appSecret() {
    return appSecret;
  }

  /** The public base URL of this application without a trailing slash. */
  public String appBaseUrl() {
    return Numbers.stripTrailingSlash(appBaseUrl);
  }

  public String callbackUrl() {
    return appBaseUrl() + "/callback";
  }

  public String postSignOutUrl() {
    return postSignOutUrl != null ? postSignOutUrl : appBaseUrl() + "/";
  }

  /** Logto's scopes for sign-in plus the configured extra ones, without duplicates. */
  public List<String> scopes() {
    Set<String> scopes =
        new LinkedHashSet<>(List.of("openid", "profile", "email", "offline_access"));
    if (extraScopes != null) {
      scopes.addAll(Numbers.split(extraScopes));
    }
    return List.copyOf(scopes);
  }

  public List<String> apiResources() {
    return apiResources == null ? List.of() : Numbers.split(apiResources);
  }

  public Duration clockSkew() {
    return Duration.ofSeconds(Integer.parseInt(clockSkewSeconds));
  }

  public int connectTimeoutMillis() {
    return Integer.parseInt(connectTimeoutMillis);
  }

  public int readTimeoutMillis() {
    return Integer.parseInt(readTimeoutMillis);
  }

  /** How long Logto's signing keys are used before they are fetched again. */
  public Duration jwksCacheTimeToLive() {
    return Duration.ofSeconds(Integer.parseInt(jwksCacheSeconds));
  }

  /** How many verified Bearer tokens are remembered to skip their signature check; 0 for none. */
  public int tokenCacheMaxEntries() {
    return Integer.parseInt(tokenCacheMaxEntries);
  }

  /** A description safe to log: the secret is never included. */
  @Override
  public String toString() {
    return "logtoEndpoint="
        + logtoEndpoint()
        + ", appId="
        + appId
        + ", appBaseUrl="
        + appBaseUrl()
        + ", scopes="
        + scopes()
        + ", apiResources="
        + apiResources()
        + ", clockSkew="
        + clockSkewSeconds
        + "s, connectTimeout="
        + connectTimeoutMillis
        + "ms, readTimeout="
        + readTimeoutMillis
        + "ms, jwksCache="
        + jwksCacheSeconds
        + "s, tokenCacheMaxEntries="
        + tokenCacheMaxEntries;
  }
}
