package io.logtojee.mail.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Shared counters behind the send limits; the in-memory implementation serves one node, a shared
 * one (database, cache) can serve a cluster.
 *
 * <p>Sends are reserved before the provider is called and then committed or released, so sends that
 * certainly did not go out do not count while concurrent sends still cannot overshoot a limit: a
 * pending reservation counts like a committed one.
 */
public interface SendCounterStore {
  /** One counter to check: {@code key} may be used {@code rule.maxSends()} times per window. */
  record Counter(String key, LimitRule rule) {}

  /** The answer to {@link #tryReserve}. */
  sealed interface Outcome {}

  /** All counters had room; each now holds a pending entry under {@code reservationId}. */
  record Reserved(String reservationId) implements Outcome {}

  /** {@code key} is full; nothing was reserved; room frees up after {@code retryAfter}. */
  record Refused(String key, Duration retryAfter) implements Outcome {}

  /**
   * Atomically checks every counter and, if all have room, adds a pending entry to each.
   *
   * @throws io.logtojee.state.StateStoreUnavailableException when a shared store cannot be reached;
   *     nothing was reserved
   */
  Outcome tryReserve(List<Counter> counters, Instant now);

  /** Turns the pending entries of a reservation into sends that count. Idempotent. */
  void commit(String reservationId);

  /** Drops the pending entries of a reservation, as if it never happened. Idempotent. */
  void release(String reservationId);
}
