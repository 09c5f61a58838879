package io.logtojee.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.limit.LimitRule;
import io.logtojee.mail.limit.SendCounterStore;
import io.logtojee.testsupport.redis.RedisServer;
import io.logtojee.testsupport.redis.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rediss://}: TLS to Redis, with the server's certificate checked against its host name. */
class RedisTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  @Test
  void redissUrlsTalkTlsToAServerWhoseCertificateNamesTheHost() {
    TestCertificate certificate = TestCertificate.create(dir, "dns:localhost,ip:127.0.0.1");
    try (RedisServer server = RedisServer.withTls(certificate);
        RedisConnection redis =
            RedisConnection.open(
                server.uri(),
                Optional.empty(),
                TIMEOUT,
                "tls:",
                Optional.of(certificate.trustingSocketFactory()))) {
      assertEquals(Optional.empty(), redis.unavailableReason());
      RedisSendCounterStore counters = new RedisSendCounterStore(redis);
      assertInstanceOf(
          SendCounterStore.Reserved.class,
          counters.tryReserve(
              List.of(new SendCounterStore.Counter("k", LimitRule.of(1, Duration.ofMinutes(1)))),
              Instant.now()));
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    Path otherDir = Files.createDirectory(dir.resolve("other"));
    TestCertificate certificate = TestCertificate.create(otherDir, "dns:redis.other.example");
    try (RedisServer server = RedisServer.withTls(certificate);
        RedisConnection redis =
            RedisConnection.open(
                server.uri(),
                Optional.empty(),
                TIMEOUT,
                "tls:",
                Optional.of(certificate.trustingSocketFactory()))) {
      Optional<String> reason = redis.unavailableReason();

      assertTrue(reason.isPresent());
      assertTrue(
          reason.get().contains("SSL") || reason.get().contains("Certificate"), reason.get());
    }
  }
}
