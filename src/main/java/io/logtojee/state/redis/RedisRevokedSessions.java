package io.logtojee.state.redis;

import io.logtojee.auth.session.RevokedSessions;
import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.state.StateStoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * {@link RevokedSessions} in Redis, so a logout that reached one node ends the sessions on every
 * node. Each logout is one key holding the moment it arrived (this node's clock, as in {@link
 * io.logtojee.auth.session.InMemoryRevokedSessions}), with a time to live of the retention time,
 * the absolute session lifetime: no session it covers can outlive it. A later logout of the same
 * user keeps the later moment.
 *
 * <p><b>When Redis cannot be reached.</b> Each node also keeps a bounded copy of the revocations it
 * has written or read, with the same retention. {@link #revoke} records the logout in that copy
 * first, then in Redis; if Redis fails it throws {@link StateStoreUnavailableException}, so the
 * logout is not acknowledged (Logto sees a failure) while this node already refuses the sessions.
 * {@link #isRevoked} never throws: it answers from the copy while Redis is away, logging one
 * warning per outage. So a session revoked before the outage and already seen here stays refused; a
 * logout that only another node received during the outage is not known here until Redis is back.
 * Signing everyone out for the length of an outage was judged worse.
 */
public final class RedisRevokedSessions implements RevokedSessions {
  private static final Logger LOG = Logger.getLogger(RedisRevokedSessions.class.getName());

  /** How many revocations each node keeps in its own copy; the oldest go first. */
  static final int LOCAL_COPY_SIZE = 10_000;

  /** Keeps the later arrival time, and sets the time to live. */
  private static final RedisScript RECORD =
      RedisScript.of(
          "local current = redis.call('GET', KEYS[1])\n"
              + "if current and tonumber(current) >= tonumber(ARGV[1]) then\n"
              + "  redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
              + "  return 0\n"
              + "end\n"
              + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
              + "return 1\n");

  private final RedisConnection redis;
  private final Duration retention;
  private final Clock clock;
  private final Map<String, Instant> localCopy =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > LOCAL_COPY_SIZE;
        }
      };
  private volatile boolean answeringLocally;

  /**
   * @param retention how long a logout is kept: the longest a session it covers can live
   */
  public RedisRevokedSessions(RedisConnection redis, Duration retention, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records the logout in this node's copy, then in Redis.
   *
   * @throws StateStoreUnavailableException when Redis cannot record it: the logout must then not be
   *     acknowledged
   */
  @Override
  public void revoke(LogoutRequest logout) {
    Instant now = clock.instant();
    String id = logout.sid() != null ? sidKey(logout.sid()) : subKey(logout.sub());
    remember(id, now);
    redis.eval(
        "recording the logout",
        RECORD,
        List.of(redis.key(id)),
        List.of(Long.toString(now.toEpochMilli()), Long.toString(retention.toMillis())));
  }

  @Override
  public boolean isRevoked(String sub, String sid, Instant signedInAt) {
    List<String> ids = new ArrayList<>(2);
    if (sid != null) {
      ids.add(sidKey(sid));
    }
    if (sub != null) {
      ids.add(subKey(sub));
    }
    if (ids.isEmpty()) {
      return false;
    }
    try {
      List<String> values =
          redis.call(
              "checking revocations",
              jedis -> jedis.mget(ids.stream().map(redis::key).toArray(String[]::new)));
      for (int i = 0; i < ids.size(); i++) {
        if (values.get(i) != null) {
          remember(ids.get(i), Instant.ofEpochMilli(Long.parseLong(values.get(i))));
        }
      }
      if (answeringLocally) {
        answeringLocally = false;
        LOG.info("Revocation checks read Redis again");
      }
    } catch (StateStoreUnavailableException e) {
      if (!answeringLocally) {
        answeringLocally = true;
        LOG.warning(
            "Redis cannot be reached: revocation checks answer from this node's copy of the"
                + " logouts it has seen until it is back");
      }
    }
    return revokedLocally(sub, sid, signedInAt);
  }

  /** Decides from this node's copy, which holds everything just read from Redis. */
  private synchronized boolean revokedLocally(String sub, String sid, Instant signedInAt) {
    Instant oldest = clock.instant().minus(retention);
    // A Logto session, once ended, never signs anyone in again: every local session of it ends.
    if (sid != null) {
      Instant at = localCopy.get(sidKey(sid));
      if (at != null && !at.isBefore(oldest)) {
        return true;
      }
    }
    Instant revokedAt = sub == null ? null : localCopy.get(subKey(sub));
    return revokedAt != null && !revokedAt.isBefore(oldest) && !signedInAt.isAfter(revokedAt);
  }

  private synchronized void remember(String id, Instant receivedAt) {
    localCopy.merge(id, receivedAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  private static String sidKey(String sid) {
    return "revoked:sid:" + sid;
  }

  private static String subKey(String sub) {
    return "revoked:sub:" + sub;
  }

  /** The Redis key of a logout, for tests of its time to live. */
  String redisKeyOf(LogoutRequest logout) {
    return redis.key(logout.sid() != null ? sidKey(logout.sid()) : subKey(logout.sub()));
  }
}
