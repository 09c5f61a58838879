package io.logtojee.state.redis;

import io.logtojee.testsupport.redis.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Connections to one test Redis, each playing one node of a deployment; all of one test share a key
 * prefix of their own, so tests never see each other's keys.
 */
final class RedisTestNodes implements AutoCloseable {
  /** Short, so outage tests are quick; a real deployment's default is 2 s. */
  static final Duration TIMEOUT = Duration.ofMillis(500);

  private final RedisServer server;
  private final String prefix = "test-" + UUID.randomUUID() + ":";
  private final List<RedisConnection> opened = new ArrayList<>();

  RedisTestNodes(RedisServer server) {
    this.server = server;
  }

  /** A new node's connection. */
  RedisConnection node() {
    RedisConnection connection =
        RedisConnection.open(server.uri(), Optional.empty(), TIMEOUT, prefix);
    opened.add(connection);
    return connection;
  }

  @Override
  public void close() {
    opened.forEach(RedisConnection::close);
  }
}
