package io.logtojee.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the application needs to talk to one Logto tenant, read once at start-up. Each field
 * names its deployment key; see the configuration table in the README.
 */
public final class AppSettings {

  static final String WHOLE_NUMBER = "[0-9]{1,6}";

  @Setting("LOGTO_ENDPOINT")
  @NotBlank(
      message = "is required (your Logto tenant endpoint, for example https://abc123.logto.app)")
  @HttpUrl
  private final String logtoEndpoint;

  @Setting("LOGTO_APP_ID")
  @NotBlank(message = "is required (the App ID of a Traditional web application in Logto)")
  @Pattern(
      regexp = "[A-Za-z0-9_.-]{1,128}",
      message = "must be 1 to 128 letters, digits, '_', '.' or '-'")
  private final String appId;

  @Setting(value = "LOGTO_APP_SECRET", secret = true)
  @NotBlank(message = "is required (the App secret of that application)")
  @Size(max = 512, message = "must be at most 512 characters")
  private final String appSecret;

  @Setting("APP_BASE_URL")
  @NotBlank(
      message =
          "is required (the public URL of this application, for example https://app.example.com)")
  @HttpUrl
  private final String appBaseUrl;

  @Setting("LOGTO_SCOPES")
  @Pattern(
      regexp = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+([ ,]+[\\x21\\x23-\\x5B\\x5D-\\x7E]+)*",
      message = "must be scope names separated by spaces or commas")
  private final String extraScopes;

  @Setting("LOGTO_API_RESOURCE")
  private final String apiResources;

  @Setting("LOGTO_POST_SIGN_OUT_URL")
  @HttpUrl
  private final String postSignOutUrl;

  @Setting("LOGTO_CLOCK_SKEW_SECONDS")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of seconds")
  private final String clockSkewSeconds;

  @Setting("LOGTO_CONNECT_TIMEOUT_MS")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of milliseconds")
  private final String connectTimeoutMillis;

  @Setting("LOGTO_READ_TIMEOUT_MS")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of milliseconds")
  private final String readTimeoutMillis;

  @Setting("SESSION_IDLE_MINUTES")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of minutes")
  private final String sessionIdleMinutes;

  @Setting("SESSION_MAX_HOURS")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of hours")
  private final String sessionMaxHours;

  @Setting("SESSION_PENDING_MAX")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of sessions")
  private final String maxPendingSignIns;

  @Setting("MAIL_CONFIG_FILE")
  @Size(max = 4096, message = "must be a file path of at most 4096 characters")
  private final String mailConfigFile;

  @Setting(value = "MAIL_AUTHORIZATION", secret = true)
  @Size(min = 16, max = 1024, message = "must be 16 to 1024 characters: use a long random value")
  private final String mailAuthorization;

  @Setting("MAIL_ALLOW_INSECURE_ENDPOINT")
  @Pattern(regexp = "true|false", message = "must be true or false")
  private final String mailAllowInsecureEndpoint;

  @Setting("ADMIN_ROLE")
  @Pattern(regexp = "[^\\s,]{1,128}", message = "must be one role name without spaces or commas")
  private final String adminRole;

  private AppSettings(SettingsSource source) {
    this.logtoEndpoint = stripTrailingSlash(source.get("LOGTO_ENDPOINT").orElse(null));
    this.appId = source.get("LOGTO_APP_ID").orElse(null);
    this.appSecret = source.get("LOGTO_APP_SECRET").orElse(null);
    this.appBaseUrl = stripTrailingSlash(source.get("APP_BASE_URL").orElse(null));
    this.extraScopes = source.get("LOGTO_SCOPES").orElse(null);
    this.apiResources = source.get("LOGTO_API_RESOURCE").orElse(null);
    this.postSignOutUrl = source.get("LOGTO_POST_SIGN_OUT_URL").orElse(null);
    this.clockSkewSeconds = source.get("LOGTO_CLOCK_SKEW_SECONDS").orElse("60");
    this.connectTimeoutMillis = source.get("LOGTO_CONNECT_TIMEOUT_MS").orElse("2000");
    this.readTimeoutMillis = source.get("LOGTO_READ_TIMEOUT_MS").orElse("5000");
    this.sessionIdleMinutes = source.get("SESSION_IDLE_MINUTES").orElse("30");
    this.sessionMaxHours = source.get("SESSION_MAX_HOURS").orElse("12");
    this.maxPendingSignIns = source.get("SESSION_PENDING_MAX").orElse("10000");
    this.adminRole = source.get("ADMIN_ROLE").orElse("admin");
    this.mailConfigFile = source.get("MAIL_CONFIG_FILE").orElse(null);
    this.mailAuthorization = source.get("MAIL_AUTHORIZATION").orElse(null);
    this.mailAllowInsecureEndpoint = source.get("MAIL_ALLOW_INSECURE_ENDPOINT").orElse("false");
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConfigurationException listing every violation by key
   */
  public static AppSettings load(SettingsSource source) {
    return SettingsValidator.requireValid(new AppSettings(source), List.of());
  }

  @AssertTrue(message = "must be between 0 and 600 seconds")
  private boolean isClockSkewSecondsInRange() {
    return !isWholeNumber(clockSkewSeconds) || Integer.parseInt(clockSkewSeconds) <= 600;
  }

  @AssertTrue(message = "must be between 100 and 60000 milliseconds")
  private boolean isConnectTimeoutMillisInRange() {
    return inRange(connectTimeoutMillis, 100, 60_000);
  }

  @AssertTrue(message = "must be between 100 and 60000 milliseconds")
  private boolean isReadTimeoutMillisInRange() {
    return inRange(readTimeoutMillis, 100, 60_000);
  }

  @AssertTrue(message = "must be between 1 and 1440 minutes")
  private boolean isSessionIdleMinutesInRange() {
    return inRange(sessionIdleMinutes, 1, 1440);
  }

  @AssertTrue(
      message = "must be between 1 and 336 hours (Logto's own session lasts 14 days by default)")
  private boolean isSessionMaxHoursInRange() {
    return inRange(sessionMaxHours, 1, 336);
  }

  @AssertTrue(message = "must be between 10 and 1000000 sessions")
  private boolean isMaxPendingSignInsInRange() {
    return inRange(maxPendingSignIns, 10, 1_000_000);
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

  private static boolean inRange(String value, int min, int max) {
    if (!isWholeNumber(value)) {
      return true;
    }
    int number = Integer.parseInt(value);
    return number >= min && number <= max;
  }

  private static boolean isWholeNumber(String value) {
    return value != null && value.matches(WHOLE_NUMBER);
  }

  private static String stripTrailingSlash(String value) {
    if (value == null) {
      return null;
    }
    String result = value;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  /** Logto's tenant endpoint without a trailing slash. */
  public String logtoEndpoint() {
    return logtoEndpoint;
  }

  /** The issuer Logto puts into every token: {@code <endpoint>/oidc}. */
  public String issuer() {
    return logtoEndpoint + "/oidc";
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
    return appBaseUrl;
  }

  public String callbackUrl() {
    return appBaseUrl + "/callback";
  }

  public String postSignOutUrl() {
    return postSignOutUrl != null ? postSignOutUrl : appBaseUrl + "/";
  }

  /** Logto's scopes for sign-in plus the configured extra ones, without duplicates. */
  public List<String> scopes() {
    Set<String> scopes =
        new LinkedHashSet<>(List.of("openid", "profile", "email", "offline_access"));
    if (extraScopes != null) {
      scopes.addAll(split(extraScopes));
    }
    return List.copyOf(scopes);
  }

  public List<String> apiResources() {
    return apiResources == null ? List.of() : split(apiResources);
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

  public Duration sessionIdleTimeout() {
    return Duration.ofMinutes(Integer.parseInt(sessionIdleMinutes));
  }

  public Duration sessionMaxAge() {
    return Duration.ofHours(Integer.parseInt(sessionMaxHours));
  }

  /** How many unfinished sign-ins one node keeps before dropping the oldest. */
  public int maxPendingSignIns() {
    return Integer.parseInt(maxPendingSignIns);
  }

  public String adminRole() {
    return adminRole;
  }

  /** The DirectMail connector configuration file, if mail is set up. */
  public java.util.Optional<java.nio.file.Path> mailConfigFile() {
    return java.util.Optional.ofNullable(mailConfigFile).map(java.nio.file.Path::of);
  }

  /** The exact Authorization value Logto's HTTP email connector sends; null when unset. */
  public String mailAuthorization() {
    return mailAuthorization;
  }

  /** Test and demo deployments only: accept a loopback http endpoint override in the mail JSON. */
  public boolean mailAllowInsecureEndpoint() {
    return Boolean.parseBoolean(mailAllowInsecureEndpoint);
  }

  private static List<String> split(String value) {
    List<String> parts = new ArrayList<>();
    Arrays.stream(value.split("[ ,]+")).filter(part -> !part.isBlank()).forEach(parts::add);
    return List.copyOf(parts);
  }

  /** A description safe to log: the secret is never included. */
  @Override
  public String toString() {
    return "AppSettings[logtoEndpoint="
        + logtoEndpoint
        + ", appId="
        + appId
        + ", appBaseUrl="
        + appBaseUrl
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
        + "ms, mailConfigFile="
        + mailConfigFile
        + ", mailAuthorization="
        + (mailAuthorization == null ? "(not set)" : "(set)")
        + "]";
  }
}
