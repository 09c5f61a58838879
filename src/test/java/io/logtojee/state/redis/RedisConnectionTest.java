package io.logtojee.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.LogCapture;
import io.logtojee.state.StateStoreUnavailableException;
import io.logtojee.testsupport.redis.Await;
import io.logtojee.testsupport.redis.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shared Redis client: credentials are checked at start, health is bounded by the timeout, an
 * outage is logged once, and the pool reconnects by itself.
 */
class RedisConnectionTest {
  private static final String PASSWORD = "correct-horse-battery-staple";
  private static final Duration TIMEOUT = RedisTestNodes.TIMEOUT;

  @Test
  void aServerWithAPasswordRefusesAClientWithoutOneAtStart() {
    try (RedisServer server = RedisServer.withPassword(PASSWORD)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> RedisConnection.open(server.uri(), Optional.empty(), TIMEOUT, "t:"));

      assertTrue(e.getMessage().contains("refused the credentials (NOAUTH)"), e.getMessage());
      assertTrue(e.getMessage().contains("REDIS_PASSWORD"), e.getMessage());
    }
  }

  @Test
  void aWrongPasswordIsAClearStartupErrorThatNamesNoSecret() {
    try (RedisServer server = RedisServer.withPassword(PASSWORD)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  RedisConnection.open(
                      server.uri(), Optional.of("wrong-password-123"), TIMEOUT, "t:"));

      assertTrue(e.getMessage().contains("refused the credentials (WRONGPASS)"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-password-123"), e.getMessage());
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }
  }

  @Test
  void theRightPasswordWorksFromTheSettingOrFromTheUrl() {
    try (RedisServer server = RedisServer.withPassword(PASSWORD);
        RedisConnection fromSetting =
            RedisConnection.open(server.uri(), Optional.of(PASSWORD), TIMEOUT, "t:");
        RedisConnection fromUrl =
            RedisConnection.open(
                URI.create("redis://:" + PASSWORD + "@127.0.0.1:" + server.port() + "/1"),
                Optional.empty(),
                TIMEOUT,
                "t:")) {
      assertEquals(Optional.empty(), fromSetting.unavailableReason());
      assertEquals(Optional.empty(), fromUrl.unavailableReason());
      assertFalse(fromUrl.toString().contains(PASSWORD), fromUrl.toString());
    }
  }

  @Test
  void healthIsDownWhileRedisIsStoppedAndUpAgainAfterItsRestart() {
    try (RedisServer server = RedisServer.plain();
        RedisConnection redis =
            RedisConnection.open(server.uri(), Optional.empty(), TIMEOUT, "t:");
        LogCapture logs = LogCapture.logsOf(RedisConnection.class.getName())) {
      assertEquals(Optional.empty(), redis.unavailableReason());

      server.stop();
      for (int i = 0; i < 10; i++) {
        assertTrue(redis.unavailableReason().isPresent());
        assertThrows(
            StateStoreUnavailableException.class, () -> redis.call("a test", r -> r.get("k")));
      }
      assertEquals(
          1, logs.lines().stream().filter(l -> l.startsWith("WARNING")).count(), logs.text());

      server.start();
      Await.until(
          Duration.ofSeconds(10), () -> assertEquals(Optional.empty(), redis.unavailableReason()));
      assertTrue(logs.text().contains("can be used again"), logs.text());
    }
  }

  @Test
  void healthOfAHungRedisAnswersWithinTheTimeout() {
    try (RedisServer server = RedisServer.plain();
        RedisConnection redis =
            RedisConnection.open(server.uri(), Optional.empty(), TIMEOUT, "t:")) {
      server.pause();
      try {
        long started = System.nanoTime();
        Optional<String> reason = redis.unavailableReason();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(reason.isPresent());
        assertTrue(took.compareTo(TIMEOUT.multipliedBy(3)) < 0, "took " + took);
        long again = System.nanoTime();
        assertTrue(redis.unavailableReason().isPresent());
        assertTrue(
            Duration.ofNanos(System.nanoTime() - again).compareTo(TIMEOUT) < 0,
            "right after a failure it answers at once");
      } finally {
        server.resume();
      }
      Await.until(
          Duration.ofSeconds(10), () -> assertEquals(Optional.empty(), redis.unavailableReason()));
    }
  }

  @Test
  void aRedisThatIsDownAtStartDoesNotStopTheStartAndIsUsedOnceItIsUp() {
    try (RedisServer server = RedisServer.plain()) {
      server.stop();
      try (RedisConnection redis =
          RedisConnection.open(server.uri(), Optional.empty(), TIMEOUT, "t:")) {
        assertTrue(redis.unavailableReason().isPresent());

        server.start();

        Await.until(
            Duration.ofSeconds(10),
            () -> assertEquals(Optional.empty(), redis.unavailableReason()));
      }
    }
  }
}
