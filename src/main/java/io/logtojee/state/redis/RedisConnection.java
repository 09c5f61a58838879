package io.logtojee.state.redis;

import io.logtojee.config.StateStoreSettings;
import io.logtojee.state.StateStoreAvailability;
import io.logtojee.state.StateStoreUnavailableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The one pooled Redis client of a deployment, shared by every Redis store, with the failure rules
 * they have in common: every call is bounded by the command timeout; a connection that Redis
 * dropped (a restart) is retried once at once, a timeout is not; any failure becomes a {@link
 * StateStoreUnavailableException}; and for a short while after a failure calls fail at once instead
 * of each waiting for the timeout again. An outage is logged once when it starts and once when it
 * ends, not per call. The pool reconnects by itself when Redis comes back.
 *
 * <p>Works with a standalone Redis or Valkey server (the scripts read keys they are not handed,
 * which Redis Cluster forbids).
 */
public final class RedisConnection implements StateStoreAvailability, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RedisConnection.class.getName());

  /** How long calls fail at once after a failure, so a hung Redis does not hold every request. */
  static final Duration FAIL_FAST_AFTER_FAILURE = Duration.ofSeconds(1);

  private static final int MAX_CONNECTIONS = 32;

  private final UnifiedJedis client;
  private final String name;
  private final String keyPrefix;
  private final AtomicBoolean down = new AtomicBoolean();
  private volatile long failFastUntilNanos;
  private volatile long downSinceNanos;
  private volatile String lastProblem = "not used yet";

  private RedisConnection(UnifiedJedis client, String name, String keyPrefix) {
    this.client = client;
    this.name = name;
    this.keyPrefix = keyPrefix;
  }

  /**
   * Creates the pool and checks the server once. A server that cannot be reached yet is only logged
   * (the stores fail closed until it can); a server that refuses the credentials stops the start,
   * because waiting will not fix that.
   *
   * @param uri {@code redis://} or {@code rediss://} (TLS), optionally with user, password and
   *     database number
   * @param password the password, overriding the URL's; empty to use the URL's (or none)
   * @param timeout bound of connecting, of each command and of waiting for a pooled connection
   * @param keyPrefix put before every key, so that one Redis can serve several deployments
   * @throws IllegalStateException when Redis refuses the credentials; the message names no secret
   */
  public static RedisConnection open(
      URI uri, Optional<String> password, Duration timeout, String keyPrefix) {
    return open(uri, password, timeout, keyPrefix, Optional.empty());
  }

  /**
   * As {@link #open(URI, Optional, Duration, String)}, with {@code rediss://} trusting what {@code
   * tls} trusts instead of the JVM's trust store, for tests with a certificate of their own. The
   * host name is verified either way.
   */
  static RedisConnection open(
      URI uri,
      Optional<String> password,
      Duration timeout,
      String keyPrefix,
      Optional<SSLSocketFactory> tls) {
    Objects.requireNonNull(uri, "uri");
    int millis = Math.toIntExact(timeout.toMillis());
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .clientName("logto-jee")
            .ssl(JedisURIHelper.isRedisSSLScheme(uri))
            .database(JedisURIHelper.getDBIndex(uri));
    String user = JedisURIHelper.getUser(uri);
    if (user != null && !user.isEmpty()) {
      config.user(user);
    }
    password
        .or(() -> Optional.ofNullable(JedisURIHelper.getPassword(uri)))
        .ifPresent(config::password);
    tls.ifPresent(config::sslSocketFactory);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setMaxIdle(MAX_CONNECTIONS);
    pool.setMaxWait(timeout);
    UnifiedJedis client =
        RedisClient.builder()
            .hostAndPort(JedisURIHelper.getHostAndPort(uri))
            .clientConfig(config.build())
            .poolConfig(pool)
            .build();
    RedisConnection connection =
        new RedisConnection(client, StateStoreSettings.masked(uri), keyPrefix);
    connection.checkAtStart();
    return connection;
  }

  private void checkAtStart() {
    try {
      client.ping();
      LOG.info("Shared state is kept in Redis at " + name);
    } catch (JedisException e) {
      if (refusedCredentials(e)) {
        client.close();
        throw new IllegalStateException(
            "Redis at "
                + name
                + " refused the credentials ("
                + firstWord(e)
                + "): check REDIS_PASSWORD, or the user and password in REDIS_URL");
      }
      markDown(e);
    }
  }

  /** The key {@code name} under this deployment's prefix. */
  String key(String name) {
    return keyPrefix + name;
  }

  /**
   * Runs {@code command} against Redis.
   *
   * @param what what the call is for, for the exception's message
   * @throws StateStoreUnavailableException when Redis cannot be reached or fails the command
   */
  <T> T call(String what, Function<UnifiedJedis, T> command) {
    if (down.get() && System.nanoTime() - failFastUntilNanos < 0) {
      throw new StateStoreUnavailableException(
          "The shared state store cannot be reached; " + what + " was not done.", null);
    }
    try {
      T result = attempt(command);
      markUp();
      return result;
    } catch (JedisException e) {
      markDown(e);
      throw new StateStoreUnavailableException(
          "The shared state store cannot be reached; " + what + " was not done.", e);
    }
  }

  /** Runs a Lua script by its digest, sending its source only when Redis does not have it yet. */
  Object eval(String what, RedisScript script, List<String> keys, List<String> args) {
    return call(
        what,
        redis -> {
          try {
            return redis.evalsha(script.sha1(), keys, args);
          } catch (JedisNoScriptException e) {
            // A restarted Redis has forgotten its scripts; EVAL runs and caches it again.
            return redis.eval(script.source(), keys, args);
          }
        });
  }

  private <T> T attempt(Function<UnifiedJedis, T> command) {
    try {
      return command.apply(client);
    } catch (JedisConnectionException e) {
      if (timedOut(e)) {
        throw e;
      }
      // A pooled connection that Redis closed (it restarted) fails at once; a fresh one may work.
      return command.apply(client);
    }
  }

  @Override
  public Optional<String> unavailableReason() {
    try {
      call("the health check", UnifiedJedis::ping);
      return Optional.empty();
    } catch (StateStoreUnavailableException e) {
      return Optional.of("Redis at " + name + " cannot be used: " + lastProblem);
    }
  }

  private void markDown(JedisException e) {
    lastProblem = describe(e);
    failFastUntilNanos = System.nanoTime() + FAIL_FAST_AFTER_FAILURE.toNanos();
    if (down.compareAndSet(false, true)) {
      downSinceNanos = System.nanoTime();
      LOG.warning(
          "Redis at "
              + name
              + " cannot be used ("
              + lastProblem
              + "): mail is refused, logouts are not acknowledged and revocations are answered"
              + " from this node's copy until it is back");
    }
  }

  private void markUp() {
    if (down.compareAndSet(true, false)) {
      long seconds = Duration.ofNanos(System.nanoTime() - downSinceNanos).toSeconds();
      LOG.info("Redis at " + name + " can be used again, after " + seconds + " s");
    }
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  static boolean refusedCredentials(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof JedisAccessControlException
          || message.startsWith("WRONGPASS")
          || message.startsWith("NOAUTH")) {
        return true;
      }
    }
    return false;
  }

  /** The exception's class and first word (Redis error codes such as WRONGPASS); no details. */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static String firstWord(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")) {
        return message.split(" ", 2)[0];
      }
    }
    return e.getClass().getSimpleName();
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "Redis at " + name;
  }
}
