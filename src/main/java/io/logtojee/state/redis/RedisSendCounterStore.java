package io.logtojee.state.redis;

import io.logtojee.mail.limit.SendCounterStore;
import io.logtojee.state.StateStoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link SendCounterStore} in Redis, so the limits hold across every node: the same sliding-window
 * log as {@link io.logtojee.mail.limit.InMemorySendCounterStore}, one sorted set per counter (a
 * member per send, scored by the moment it was reserved), checked and filled by one Lua script, so
 * that concurrent reservations on any number of nodes cannot overshoot a limit.
 *
 * <p>A reservation adds a pending member ({@code p:<id>}) to each counter and remembers its
 * counters under {@code reservation:<id>}; commit turns the members into sends that count ({@code
 * c:<id>}), release removes them. A pending member counts like a committed one. Unlike in memory it
 * does not count for ever: a node that died with a send in flight cannot settle it, so a pending
 * member is dropped {@link #PENDING_LEASE} after its window ended. Each key's time to live in Redis
 * is the window plus that lease, renewed by every reservation, so idle counters disappear by
 * themselves.
 *
 * <p>Counter keys are hashed, so Redis holds no e-mail or IP address. When Redis cannot be reached,
 * {@link #tryReserve} throws {@link StateStoreUnavailableException} and the sender refuses the mail
 * (fail closed); a commit or release that cannot reach Redis is logged and leaves the pending
 * members counting until the lease ends, which errs on the side of refusing.
 */
public final class RedisSendCounterStore implements SendCounterStore {
  private static final Logger LOG = Logger.getLogger(RedisSendCounterStore.class.getName());

  /** How long after its window a send that was never settled stops counting. */
  static final Duration PENDING_LEASE = Duration.ofMinutes(10);

  /**
   * KEYS: the counters' sorted sets, then the reservation's list. ARGV: now (ms), reservation id,
   * lease (ms), then max and window (ms) of each counter. Returns {1} when reserved, or {0, index
   * of the counter that waits longest (1-based), wait in ms}.
   */
  private static final RedisScript RESERVE =
      RedisScript.of(
          "local now = tonumber(ARGV[1])\n"
              + "local id = ARGV[2]\n"
              + "local lease = tonumber(ARGV[3])\n"
              + "local counters = #KEYS - 1\n"
              + "local worst, worstWait = 0, 0\n"
              + "local longest = 0\n"
              + "for i = 1, counters do\n"
              + "  local key = KEYS[i]\n"
              + "  local max = tonumber(ARGV[2 + 2 * i])\n"
              + "  local window = tonumber(ARGV[3 + 2 * i])\n"
              + "  if window > longest then longest = window end\n"
              + "  local old = redis.call('ZRANGEBYSCORE', key, '-inf', now - window, 'WITHSCORES')\n"
              + "  for j = 1, #old, 2 do\n"
              + "    local member, at = old[j], tonumber(old[j + 1])\n"
              + "    if string.sub(member, 1, 2) == 'c:' or at <= now - window - lease then\n"
              + "      redis.call('ZREM', key, member)\n"
              + "    end\n"
              + "  end\n"
              + "  local count = redis.call('ZCARD', key)\n"
              + "  if count >= max then\n"
              + "    local blocking = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')\n"
              + "    local wait = tonumber(blocking[2]) + window - now\n"
              + "    if worst == 0 or wait > worstWait then worst, worstWait = i, wait end\n"
              + "  end\n"
              + "end\n"
              + "if worst > 0 then return {0, worst, worstWait} end\n"
              + "local reservation = KEYS[#KEYS]\n"
              + "for i = 1, counters do\n"
              + "  local key = KEYS[i]\n"
              + "  local keep = tonumber(ARGV[3 + 2 * i]) + lease\n"
              + "  redis.call('ZADD', key, now, 'p:' .. id)\n"
              + "  if redis.call('PTTL', key) < keep then redis.call('PEXPIRE', key, keep) end\n"
              + "  redis.call('RPUSH', reservation, key)\n"
              + "end\n"
              + "redis.call('PEXPIRE', reservation, longest + lease)\n"
              + "return {1}\n");

  /** KEYS: the reservation's list. ARGV: its id. Makes its pending members count for good. */
  private static final RedisScript COMMIT =
      RedisScript.of(
          "local keys = redis.call('LRANGE', KEYS[1], 0, -1)\n"
              + "for _, key in ipairs(keys) do\n"
              + "  local at = redis.call('ZSCORE', key, 'p:' .. ARGV[1])\n"
              + "  if at then\n"
              + "    redis.call('ZREM', key, 'p:' .. ARGV[1])\n"
              + "    redis.call('ZADD', key, at, 'c:' .. ARGV[1])\n"
              + "  end\n"
              + "end\n"
              + "redis.call('DEL', KEYS[1])\n"
              + "return #keys\n");

  /** KEYS: the reservation's list. ARGV: its id. Drops its pending members. */
  private static final RedisScript RELEASE =
      RedisScript.of(
          "local keys = redis.call('LRANGE', KEYS[1], 0, -1)\n"
              + "for _, key in ipairs(keys) do\n"
              + "  redis.call('ZREM', key, 'p:' .. ARGV[1])\n"
              + "end\n"
              + "redis.call('DEL', KEYS[1])\n"
              + "return #keys\n");

  private final RedisConnection redis;

  public RedisSendCounterStore(RedisConnection redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  /**
   * @throws StateStoreUnavailableException when Redis cannot be reached: nothing was reserved, and
   *     the send must not go out
   */
  @Override
  public Outcome tryReserve(List<Counter> counters, Instant now) {
    String reservationId = UUID.randomUUID().toString();
    List<String> keys = new ArrayList<>(counters.size() + 1);
    List<String> args = new ArrayList<>(3 + 2 * counters.size());
    args.add(Long.toString(now.toEpochMilli()));
    args.add(reservationId);
    args.add(Long.toString(PENDING_LEASE.toMillis()));
    for (Counter counter : counters) {
      keys.add(redisKeyOf(counter.key()));
      args.add(Integer.toString(counter.rule().maxSends()));
      args.add(Long.toString(counter.rule().window().toMillis()));
    }
    keys.add(reservationKey(reservationId));
    List<?> answer = (List<?>) redis.eval("checking the send limits", RESERVE, keys, args);
    if (((Long) answer.get(0)) == 1L) {
      return new Reserved(reservationId);
    }
    Counter full = counters.get(Math.toIntExact((Long) answer.get(1)) - 1);
    return new Refused(full.key(), Duration.ofMillis((Long) answer.get(2)));
  }

  @Override
  public void commit(String reservationId) {
    settle(COMMIT, reservationId, "counting a send");
  }

  @Override
  public void release(String reservationId) {
    settle(RELEASE, reservationId, "releasing a reservation");
  }

  private void settle(RedisScript script, String reservationId, String what) {
    try {
      redis.eval(what, script, List.of(reservationKey(reservationId)), List.of(reservationId));
    } catch (StateStoreUnavailableException e) {
      // The mail's fate is already decided; the pending entries keep counting until their lease
      // ends, which can only refuse more, never allow more.
      LOG.log(Level.WARNING, "Send counters: " + what + " was not recorded in Redis", e);
    }
  }

  /** The Redis key of a counter: hashed, so that no address is stored in Redis. */
  String redisKeyOf(String counterKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(counterKey.getBytes(StandardCharsets.UTF_8));
      return redis.key("limit:" + HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  private String reservationKey(String reservationId) {
    return redis.key("reservation:" + reservationId);
  }
}
