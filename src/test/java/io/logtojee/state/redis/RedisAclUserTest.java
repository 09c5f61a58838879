package io.logtojee.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.config.MailConfigSnapshot;
import io.logtojee.mail.limit.LimitRule;
import io.logtojee.mail.limit.SendCounterStore;
import io.logtojee.state.StateStoreUnavailableException;
import io.logtojee.testsupport.redis.RedisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Protocol;

/**
 * The README's advice holds: an ACL user allowed only the application's keys ({@code ~logto-jee:*})
 * and no dangerous command can run every store, and cannot touch other keys.
 */
class RedisAclUserTest {
  private static final String USER = "logto-jee";
  private static final String PASSWORD = "acl-user-password-0123";

  @TempDir Path dir;

  @Test
  void aUserLimitedToTheApplicationsKeysRunsEveryStore() throws Exception {
    try (RedisServer server = RedisServer.plain();
        RedisConnection admin =
            RedisConnection.open(server.uri(), Optional.empty(), Duration.ofSeconds(2), "")) {
      admin.call(
          "test",
          r ->
              r.sendCommand(
                  Protocol.Command.ACL,
                  "SETUSER",
                  USER,
                  "on",
                  ">" + PASSWORD,
                  "~logto-jee:*",
                  "+@all",
                  "-@dangerous"));
      URI uri = URI.create("redis://" + USER + "@127.0.0.1:" + server.port());
      try (RedisConnection app =
          RedisConnection.open(uri, Optional.of(PASSWORD), Duration.ofSeconds(2), "logto-jee:")) {
        RedisRevokedSessions revoked =
            new RedisRevokedSessions(app, Duration.ofHours(12), Clock.systemUTC());
        revoked.revoke(new LogoutRequest("alice", null, Instant.now(), "j1"));
        assertTrue(revoked.isRevoked("alice", null, Instant.now().minusSeconds(1)));

        RedisSendCounterStore counters = new RedisSendCounterStore(app);
        List<SendCounterStore.Counter> counter =
            List.of(new SendCounterStore.Counter("k", LimitRule.of(1, Duration.ofMinutes(1))));
        SendCounterStore.Reserved reserved =
            assertInstanceOf(
                SendCounterStore.Reserved.class, counters.tryReserve(counter, Instant.now()));
        counters.commit(reserved.reservationId());

        Path seed = dir.resolve("mail.json");
        Files.writeString(seed, MailFixtures.resource("config-valid.json"));
        RedisMailConfigStore config =
            new RedisMailConfigStore(app, MailFixtures.strictLoader(), Optional.of(seed));
        MailConfigSnapshot snapshot = config.snapshot();
        assertTrue(snapshot.available());
        config.replace(
            MailFixtures.strictLoader()
                .parseUnvalidated(MailFixtures.validConfigJsonWith(c -> c.put("fromAlias", "ACL"))),
            snapshot.etag());

        assertEquals(Optional.empty(), app.unavailableReason());
        assertThrows(
            StateStoreUnavailableException.class, () -> app.call("test", r -> r.get("other-key")));
      }
    }
  }
}
