package io.logtojee.state.redis;

import static io.logtojee.mail.MailFixtures.validConfigJsonWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.config.MailConfigSnapshot;
import io.logtojee.mail.config.MailConfigStore;
import io.logtojee.mail.config.MailConfigStoreContract;
import io.logtojee.testsupport.redis.Await;
import io.logtojee.testsupport.redis.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

/**
 * The mail configuration in a real Redis: the contract, seeding, saves seen by every node, the
 * compare-and-set across nodes, and Redis outages.
 */
class RedisMailConfigStoreTest extends MailConfigStoreContract {
  @TempDir static Path data;
  private static RedisServer server;
  @TempDir Path dir;
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
  protected MailConfigStore storeHolding(String json) throws IOException {
    return new RedisMailConfigStore(nodes.node(), LOADER, seedFile(json));
  }

  private Optional<Path> seedFile(String json) throws IOException {
    if (json == null) {
      return Optional.empty();
    }
    Path file = dir.resolve(UUID.randomUUID() + ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return Optional.of(file);
  }

  private static String withAlias(String alias) {
    return validConfigJsonWith(c -> c.put("fromAlias", alias));
  }

  @Test
  void theFirstNodeSeedsRedisFromItsFileAndTheOthersUseWhatRedisHolds() throws IOException {
    MailConfigStore nodeA = storeHolding(withAlias("From A"));
    MailConfigStore nodeB = storeHolding(withAlias("From B"));

    assertEquals("From A", nodeA.snapshot().config().fromAlias());
    assertEquals("From A", nodeB.snapshot().config().fromAlias());
    assertEquals(nodeA.snapshot().etag(), nodeB.snapshot().etag());
  }

  @Test
  void aSaveOnOneNodeIsUsedForTheNextMailOfEveryNode() throws IOException {
    MailConfigStore nodeA = storeHolding(withAlias("Old"));
    MailConfigStore nodeB = storeHolding(withAlias("Old"));

    MailConfigSnapshot saved = nodeA.replace(candidate(withAlias("New")), nodeA.snapshot().etag());

    assertEquals("New", nodeB.snapshot().config().fromAlias());
    assertEquals(saved.etag(), nodeB.snapshot().etag());
  }

  @Test
  void twoNodesSavingOverTheSameRevisionLetOnlyTheFirstWin() throws IOException {
    MailConfigStore nodeA = storeHolding(withAlias("Old"));
    MailConfigStore nodeB = storeHolding(withAlias("Old"));
    String etag = nodeA.snapshot().etag();
    assertEquals(etag, nodeB.snapshot().etag());

    nodeA.replace(candidate(withAlias("A wins")), etag);
    MailException lost =
        assertThrows(MailException.class, () -> nodeB.replace(candidate(withAlias("B")), etag));

    assertEquals(MailErrorCode.CONFIG_PRECONDITION_FAILED, lost.code());
    assertEquals("A wins", nodeB.snapshot().config().fromAlias());
  }

  @Test
  void aSaveCannotOverwriteARevisionThatChangedAfterItWasRead() throws IOException {
    RedisConnection connection = nodes.node();
    MailConfigStore otherNode = storeHolding(withAlias("Old"));
    String etag = otherNode.snapshot().etag();
    // The other node's save lands after this node checked If-Match and before it writes.
    RedisMailConfigStore node =
        new RedisMailConfigStore(
            connection,
            LOADER,
            Optional.empty(),
            () -> otherNode.replace(candidate(withAlias("Other")), etag));
    assertEquals(etag, node.snapshot().etag());

    MailException lost =
        assertThrows(MailException.class, () -> node.replace(candidate(withAlias("Mine")), etag));

    assertEquals(MailErrorCode.CONFIG_PRECONDITION_FAILED, lost.code());
    assertEquals("Other", node.snapshot().config().fromAlias());
    assertEquals("Other", otherNode.snapshot().config().fromAlias());
  }

  @Test
  void concurrentSavesOnTwoNodesOverOneRevisionLetExactlyOneWin() throws Exception {
    RedisConnection admin = nodes.node();
    for (int round = 0; round < 10; round++) {
      MailConfigStore nodeA = storeHolding(withAlias("Old"));
      MailConfigStore nodeB = storeHolding(withAlias("Old"));
      String etag = nodeA.snapshot().etag();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Boolean>> won = new ArrayList<>();
        for (MailConfigStore node : List.of(nodeA, nodeB)) {
          won.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      node.replace(candidate(withAlias("By " + node.hashCode())), etag);
                      return true;
                    } catch (MailException e) {
                      assertEquals(MailErrorCode.CONFIG_PRECONDITION_FAILED, e.code());
                      return false;
                    }
                  }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> result : won) {
          winners += result.get() ? 1 : 0;
        }
        assertEquals(1, winners, "round " + round);
        assertEquals(nodeA.snapshot().etag(), nodeB.snapshot().etag());
      } finally {
        pool.shutdownNow();
      }
      admin.call("test", r -> r.del(admin.key("mail-config")));
    }
  }

  @Test
  void anInvalidStoredConfigDisablesMailAndCanBeFixedWithoutReenteringTheSecret()
      throws IOException {
    MailConfigStore node = storeHolding(validConfigJsonWith(c -> c.put("regionId", "mars-1")));
    MailConfigSnapshot broken = node.snapshot();
    assertFalse(broken.available());
    assertEquals("regionId", broken.violations().get(0).key());

    node.replace(
        candidate(
            validConfigJsonWith(
                c -> {
                  c.remove("accessKeySecret");
                  c.put("regionId", "cn-hangzhou");
                })),
        broken.etag());

    assertEquals("test-key-secret", node.snapshot().config().accessKeySecret());
  }

  @Test
  void whenRedisIsAwaySendingUsesTheLastConfigAndSavesAreRefused() throws IOException {
    MailConfigStore node = storeHolding(withAlias("Loaded"));
    MailConfigSnapshot loaded = node.snapshot();

    server.stop();

    assertEquals(loaded, node.snapshot());
    MailException refused =
        assertThrows(
            MailException.class, () -> node.replace(candidate(withAlias("X")), loaded.etag()));
    assertEquals(MailErrorCode.STATE_STORE_UNAVAILABLE, refused.code());

    server.start();
    Await.until(
        Duration.ofSeconds(10), () -> node.replace(candidate(withAlias("After")), loaded.etag()));
    assertEquals("After", node.snapshot().config().fromAlias());
  }

  @Test
  void aNodeStartedWhileRedisIsAwayLoadsTheConfigOnceRedisIsBack() throws IOException {
    Optional<Path> seed = seedFile(withAlias("Seeded later"));
    server.stop();
    RedisConnection connection = nodes.node();
    MailConfigStore node = new RedisMailConfigStore(connection, LOADER, seed);
    assertFalse(node.snapshot().available());
    assertTrue(connection.unavailableReason().isPresent());

    server.start();

    Await.until(
        Duration.ofSeconds(10),
        () -> assertEquals("Seeded later", node.snapshot().config().fromAlias()));
  }
}
