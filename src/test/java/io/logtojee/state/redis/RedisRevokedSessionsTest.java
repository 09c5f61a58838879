package io.logtojee.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.session.RevokedSessions;
import io.logtojee.auth.session.RevokedSessionsContract;
import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.mail.LogCapture;
import io.logtojee.state.StateStoreUnavailableException;
import io.logtojee.testsupport.redis.Await;
import io.logtojee.testsupport.redis.RedisServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Back-channel logouts in a real Redis: the contract, seen by every node, and Redis outages. */
class RedisRevokedSessionsTest extends RevokedSessionsContract {
  @TempDir static Path data;
  private static RedisServer server;
  private RedisTestNodes nodes;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.persistent(data);
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @BeforeEach
  void connect() {
    server.start();
    nodes = new RedisTestNodes(server);
  }

  @AfterEach
  void disconnect() {
    nodes.close();
  }

  @Override
  protected RevokedSessions store(Duration retention, Clock clock) {
    return new RedisRevokedSessions(nodes.node(), retention, clock);
  }

  @Test
  void aLogoutReceivedByOneNodeEndsTheSessionsOnAnother() {
    RevokedSessions nodeA = store(RETENTION, clock);
    RevokedSessions nodeB = store(RETENTION, clock);
    Instant signedIn = clock.instant().minusSeconds(60);

    nodeA.revoke(new LogoutRequest("alice", "sid-a", clock.instant(), "j1"));
    nodeB.revoke(new LogoutRequest("bob", null, clock.instant(), "j2"));

    assertTrue(nodeB.isRevoked("alice", "sid-a", signedIn));
    assertTrue(nodeA.isRevoked("bob", "sid-b", signedIn));
    assertFalse(nodeB.isRevoked("carol", "sid-c", signedIn));
  }

  @Test
  void eachLogoutLivesInRedisForTheRetention() {
    RedisConnection node = nodes.node();
    RedisRevokedSessions revoked = new RedisRevokedSessions(node, RETENTION, clock);
    LogoutRequest bySid = new LogoutRequest("alice", "sid-a", clock.instant(), "j1");
    LogoutRequest bySub = new LogoutRequest("bob", null, clock.instant(), "j2");

    revoked.revoke(bySid);
    revoked.revoke(bySub);

    for (LogoutRequest logout : new LogoutRequest[] {bySid, bySub}) {
      long ttl = node.call("test", r -> r.pttl(revoked.redisKeyOf(logout)));
      assertTrue(
          ttl > RETENTION.minusSeconds(5).toMillis() && ttl <= RETENTION.toMillis(), "PTTL " + ttl);
    }
  }

  @Test
  void whenRedisIsAwayALogoutIsNotAcknowledgedAndChecksAnswerFromTheNodesCopy() {
    RevokedSessions nodeA = store(RETENTION, clock);
    RevokedSessions nodeB = store(RETENTION, clock);
    Instant signedIn = clock.instant().minusSeconds(60);
    nodeA.revoke(new LogoutRequest("alice", "sid-a", clock.instant(), "j1"));
    assertTrue(nodeB.isRevoked("alice", "sid-a", signedIn), "read once before the outage");

    server.stop();
    try (LogCapture logs = LogCapture.logsOf(RedisRevokedSessions.class.getName())) {
      assertThrows(
          StateStoreUnavailableException.class,
          () -> nodeB.revoke(new LogoutRequest("bob", null, clock.instant(), "j2")));
      for (int i = 0; i < 20; i++) {
        assertTrue(nodeB.isRevoked("alice", "sid-a", signedIn), "from this node's copy");
        assertTrue(nodeB.isRevoked("bob", null, signedIn), "this node received it");
        assertFalse(nodeB.isRevoked("carol", "sid-c", signedIn));
      }
      assertEquals(
          1, logs.lines().stream().filter(line -> line.startsWith("WARNING")).count(), logs.text());
    }

    server.start();
    RevokedSessions nodeC = store(RETENTION, clock);
    Await.until(
        Duration.ofSeconds(10),
        () -> assertTrue(nodeC.isRevoked("alice", "sid-a", signedIn), "kept across the outage"));
    assertFalse(nodeC.isRevoked("bob", null, signedIn), "never recorded, never acknowledged");
    Await.until(
        Duration.ofSeconds(10),
        () -> nodeB.revoke(new LogoutRequest("bob", null, clock.instant(), "j2")));
    assertTrue(nodeC.isRevoked("bob", null, signedIn), "Logto's retry is recorded");
  }
}
