package io.logtojee.state.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.Recipient;
import io.logtojee.mail.limit.LimitRule;
import io.logtojee.mail.limit.SendCounterStore;
import io.logtojee.mail.limit.SendCounterStoreContract;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.state.StateStoreUnavailableException;
import io.logtojee.testsupport.redis.Await;
import io.logtojee.testsupport.redis.RedisServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The send counters in a real Redis: the contract, shared by nodes, atomic, and failing closed. */
class RedisSendCounterStoreTest extends SendCounterStoreContract {
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
  protected SendCounterStore store() {
    return new RedisSendCounterStore(nodes.node());
  }

  @Test
  void twoNodesCountAgainstTheSameLimit() {
    SendCounterStore nodeA = store();
    SendCounterStore nodeB = store();
    List<SendCounterStore.Counter> twoPerMinute =
        counter("rcpt:user@example.com", LimitRule.of(2, Duration.ofMinutes(1)));

    reserveAndCommit(nodeA, twoPerMinute, T0);
    reserveAndCommit(nodeB, twoPerMinute, T0.plusSeconds(1));

    assertInstanceOf(
        SendCounterStore.Refused.class, nodeA.tryReserve(twoPerMinute, T0.plusSeconds(2)));
    assertInstanceOf(
        SendCounterStore.Refused.class, nodeB.tryReserve(twoPerMinute, T0.plusSeconds(2)));
  }

  @Test
  void aReservationMadeOnOneNodeCanBeSettledOnAnother() {
    SendCounterStore nodeA = store();
    SendCounterStore nodeB = store();
    List<SendCounterStore.Counter> counter = counter("k", ONE_PER_MINUTE);
    String id = ((SendCounterStore.Reserved) nodeA.tryReserve(counter, T0)).reservationId();

    nodeB.release(id);

    assertInstanceOf(SendCounterStore.Reserved.class, nodeA.tryReserve(counter, T0));
  }

  @Test
  void concurrentReservationsOnTwoNodesNeverExceedTheLimit() throws Exception {
    List<SendCounterStore> twoNodes = List.of(store(), store());
    int limit = 25;
    List<SendCounterStore.Counter> counters =
        List.of(
            new SendCounterStore.Counter(
                "rcpt:race@example.com", LimitRule.of(limit, Duration.ofMinutes(10))),
            new SendCounterStore.Counter("global", LimitRule.of(1000, Duration.ofDays(1))));
    int threads = 8;
    int attemptsPerThread = 20;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        SendCounterStore node = twoNodes.get(t % 2);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int reserved = 0;
                  for (int i = 0; i < attemptsPerThread; i++) {
                    SendCounterStore.Outcome outcome = node.tryReserve(counters, T0);
                    if (outcome instanceof SendCounterStore.Reserved r) {
                      reserved++;
                      node.commit(r.reservationId());
                    }
                  }
                  return reserved;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get();
      }
      assertEquals(limit, total, "exactly the limit, out of " + threads * attemptsPerThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyCounterExpiresInRedisAfterItsWindowAndTheLease() {
    RedisConnection node = nodes.node();
    RedisSendCounterStore store = new RedisSendCounterStore(node);
    Duration window = Duration.ofMinutes(10);
    String id =
        ((SendCounterStore.Reserved)
                store.tryReserve(counter("rcpt:ttl@example.com", LimitRule.of(5, window)), T0))
            .reservationId();

    long counterTtl = node.call("test", r -> r.pttl(store.redisKeyOf("rcpt:ttl@example.com")));
    long reservationTtl = node.call("test", r -> r.pttl(node.key("reservation:" + id)));
    long expected = window.plus(RedisSendCounterStore.PENDING_LEASE).toMillis();
    assertTrue(counterTtl > expected - 5_000 && counterTtl <= expected, "PTTL " + counterTtl);
    assertTrue(
        reservationTtl > expected - 5_000 && reservationTtl <= expected, "PTTL " + reservationTtl);

    store.commit(id);
    long afterCommit = node.call("test", r -> r.pttl(node.key("reservation:" + id)));
    assertEquals(-2L, afterCommit, "the reservation's list is gone once settled");
  }

  @Test
  void redisHoldsNoAddressOrIp() {
    RedisConnection node = nodes.node();
    SendLimits limits =
        new SendLimits(
            SendLimitPolicy.defaults(), new RedisSendCounterStore(node), Clock.systemUTC());
    limits.reserve(Recipient.parse("secret.user@example.com"), "203.0.113.9").commit();

    Set<String> keys = node.call("test", r -> r.keys(node.key("*")));
    assertEquals(3, keys.size(), keys.toString());
    assertFalse(keys.toString().contains("example.com"), keys.toString());
    assertFalse(keys.toString().contains("203.0.113"), keys.toString());
  }

  @Test
  void whenRedisIsAwayNoSendIsAllowedAndAfterItsReturnTheCountsAreStillThere() {
    SendCounterStore store = store();
    List<SendCounterStore.Counter> counter = counter("rcpt:a@example.com", ONE_PER_MINUTE);
    Instant now = Instant.now();
    reserveAndCommit(store, counter, now);
    String pending =
        ((SendCounterStore.Reserved) store.tryReserve(counter("other", ONE_PER_MINUTE), now))
            .reservationId();
    SendLimits limits =
        new SendLimits(SendLimitPolicy.defaults(), store, Clock.fixed(now, ZoneOffset.UTC));

    server.stop();

    assertThrows(
        StateStoreUnavailableException.class,
        () -> store.tryReserve(counter("fresh", ONE_PER_MINUTE), now));
    MailException refused =
        assertThrows(
            MailException.class, () -> limits.reserve(Recipient.parse("b@example.com"), null));
    assertEquals(MailErrorCode.STATE_STORE_UNAVAILABLE, refused.code());
    store.commit(pending); // logged, never thrown: the mail's fate is already decided

    server.start();

    Await.until(
        Duration.ofSeconds(10),
        () ->
            assertInstanceOf(
                SendCounterStore.Reserved.class,
                store.tryReserve(counter("fresh", ONE_PER_MINUTE), now)));
    assertInstanceOf(
        SendCounterStore.Refused.class, store.tryReserve(counter, now), "committed before");
    assertInstanceOf(
        SendCounterStore.Refused.class, store.tryReserve(counter("other", ONE_PER_MINUTE), now));
  }
}
