package io.logtojee.config;

import static io.logtojee.config.Numbers.WHOLE_NUMBER;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the state that several nodes must share lives: the back-channel logouts, the send counters
 * of the mail limits and the mail connector configuration. {@code memory} (the default) keeps it on
 * this node, which is right for one node; {@code redis} shares it through Redis (or Valkey).
 */
public final class StateStoreSettings {

  /** Where the shared state is kept. */
  public enum Kind {
    MEMORY,
    REDIS
  }

  @Setting(value = "STATE_STORE", defaultValue = "memory")
  @Pattern(regexp = "memory|redis", message = "must be memory or redis")
  private String stateStore;

  @Setting("REDIS_URL")
  @Size(max = 2048, message = "must be at most 2048 characters")
  private String redisUrl;

  @Setting(value = "REDIS_PASSWORD", secret = true)
  @Size(max = 512, message = "must be at most 512 characters")
  private String redisPassword;

  @Setting(value = "REDIS_TIMEOUT_MS", defaultValue = "2000")
  @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number of milliseconds")
  private String redisTimeoutMillis;

  StateStoreSettings() {}

  @AssertTrue(
      message = "is required when STATE_STORE=redis (for example rediss://redis.internal:6380)")
  private boolean isRedisUrlGivenWhenNeeded() {
    return !"redis".equals(stateStore) || redisUrl != null;
  }

  @AssertTrue(
      message = "must be a redis:// or rediss:// URL with a host, for example redis://h:6379")
  private boolean isRedisUrlWellFormed() {
    return redisUrl == null || parse(redisUrl).isPresent();
  }

  @AssertTrue(message = "must not be set when REDIS_URL carries a password too; keep one")
  private boolean isRedisPasswordGivenOnce() {
    return redisPassword == null
        || redisUrl == null
        || parse(redisUrl).map(uri -> passwordOf(uri).isEmpty()).orElse(true);
  }

  @AssertTrue(message = "must be between 100 and 60000 milliseconds")
  private boolean isRedisTimeoutMillisInRange() {
    return Numbers.inRange(redisTimeoutMillis, 100, 60_000);
  }

  public Kind kind() {
    return "redis".equals(stateStore) ? Kind.REDIS : Kind.MEMORY;
  }

  /**
   * The Redis server: {@code redis://[user[:password]@]host[:port][/database]}, or {@code
   * rediss://} for TLS; empty unless set.
   */
  public Optional<URI> redisUri() {
    return redisUrl == null ? Optional.empty() : parse(redisUrl);
  }

  /** The password from REDIS_PASSWORD, or else from REDIS_URL; empty when neither has one. */
  public Optional<String> redisPassword() {
    if (redisPassword != null) {
      return Optional.of(redisPassword);
    }
    return redisUri().flatMap(StateStoreSettings::passwordOf);
  }

  /** The bound of every Redis call: connect, each command, and waiting for a pooled connection. */
  public Duration redisTimeout() {
    return Duration.ofMillis(Integer.parseInt(redisTimeoutMillis));
  }

  /** REDIS_URL with any password in it replaced, for logs and messages. */
  public static String masked(URI uri) {
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || !userInfo.contains(":")) {
      return uri.toString();
    }
    String user = userInfo.substring(0, userInfo.indexOf(':'));
    return uri.getScheme()
        + "://"
        + user
        + ":***@"
        + uri.getHost()
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static Optional<URI> parse(String value) {
    try {
      URI uri = new URI(value);
      boolean redisScheme = "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
      if (!redisScheme || uri.getHost() == null || uri.getRawQuery() != null) {
        return Optional.empty();
      }
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (!path.isEmpty() && !path.equals("/") && !path.matches("/[0-9]{1,2}")) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> passwordOf(URI uri) {
    String userInfo = uri.getUserInfo();
    if (userInfo == null || !userInfo.contains(":")) {
      return Optional.empty();
    }
    String password = userInfo.substring(userInfo.indexOf(':') + 1);
    return password.isEmpty() ? Optional.empty() : Optional.of(password);
  }

  /** A description safe to log: the password is never included. */
  @Override
  public String toString() {
    return "stateStore="
        + stateStore
        + (kind() == Kind.REDIS
            ? ", redisUrl="
                + redisUri().map(StateStoreSettings::masked).orElse("(invalid)")
                + ", redisPassword="
                + (redisPassword().isPresent() ? "(set)" : "(not set)")
                + ", redisTimeout="
                + redisTimeoutMillis
                + "ms"
            : "");
  }
}
