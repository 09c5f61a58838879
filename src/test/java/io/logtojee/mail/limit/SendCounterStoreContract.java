package io.logtojee.mail.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SendCounterStore} does, whichever holds the counters: a subclass names the
 * store, and these tests run against it.
 */
public abstract class SendCounterStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  protected static final LimitRule ONE_PER_MINUTE = LimitRule.of(1, Duration.ofMinutes(1));

  /** A store with no counters yet. */
  protected abstract SendCounterStore store();

  protected static List<SendCounterStore.Counter> counter(String key, LimitRule rule) {
    return List.of(new SendCounterStore.Counter(key, rule));
  }

  protected static String reserveAndCommit(
      SendCounterStore store, List<SendCounterStore.Counter> counters, Instant at) {
    String id = ((SendCounterStore.Reserved) store.tryReserve(counters, at)).reservationId();
    store.commit(id);
    return id;
  }

  @Test
  void sendsUpToTheLimitAreReservedAndTheNextIsRefusedUntilTheFirstLeavesTheWindow() {
    SendCounterStore store = store();
    List<SendCounterStore.Counter> threePerTenMinutes =
        counter("rcpt:a@example.com", LimitRule.of(3, Duration.ofMinutes(10)));
    for (int i = 0; i < 3; i++) {
      reserveAndCommit(store, threePerTenMinutes, T0.plus(Duration.ofMinutes(i)));
    }

    SendCounterStore.Refused refused =
        assertInstanceOf(
            SendCounterStore.Refused.class,
            store.tryReserve(threePerTenMinutes, T0.plus(Duration.ofMinutes(4))));
    assertEquals("rcpt:a@example.com", refused.key());
    assertEquals(Duration.ofMinutes(6), refused.retryAfter());

    assertInstanceOf(
        SendCounterStore.Reserved.class,
        store.tryReserve(threePerTenMinutes, T0.plus(Duration.ofMinutes(10))));
  }

  @Test
  void aReleasedReservationDoesNotCountAndACommittedOneDoes() {
    SendCounterStore store = store();
    List<SendCounterStore.Counter> counter = counter("k", ONE_PER_MINUTE);

    String released = ((SendCounterStore.Reserved) store.tryReserve(counter, T0)).reservationId();
    store.release(released);
    store.release(released);
    reserveAndCommit(store, counter, T0);

    assertInstanceOf(SendCounterStore.Refused.class, store.tryReserve(counter, T0.plusSeconds(1)));
  }

  @Test
  void settlingTwiceChangesNothing() {
    SendCounterStore store = store();
    List<SendCounterStore.Counter> counter = counter("k", ONE_PER_MINUTE);
    String id = reserveAndCommit(store, counter, T0);

    store.commit(id);
    store.release(id);

    assertInstanceOf(SendCounterStore.Refused.class, store.tryReserve(counter, T0.plusSeconds(1)));
  }

  @Test
  void aPendingReservationCountsLikeACommittedOne() {
    SendCounterStore store = store();
    List<SendCounterStore.Counter> counter = counter("k", ONE_PER_MINUTE);
    store.tryReserve(counter, T0);

    assertInstanceOf(SendCounterStore.Refused.class, store.tryReserve(counter, T0.plusSeconds(1)));
  }

  @Test
  void pendingEntriesOutliveTheirWindowUntilSettled() {
    SendCounterStore store = store();
    List<SendCounterStore.Counter> counter = counter("k", ONE_PER_MINUTE);
    String id = ((SendCounterStore.Reserved) store.tryReserve(counter, T0)).reservationId();

    assertInstanceOf(
        SendCounterStore.Refused.class, store.tryReserve(counter, T0.plus(Duration.ofMinutes(5))));

    store.release(id);
    assertInstanceOf(
        SendCounterStore.Reserved.class, store.tryReserve(counter, T0.plus(Duration.ofMinutes(5))));
  }

  @Test
  void aFullCounterReservesNothingInTheOthers() {
    SendCounterStore store = store();
    SendCounterStore.Counter full = new SendCounterStore.Counter("full", ONE_PER_MINUTE);
    SendCounterStore.Counter other = new SendCounterStore.Counter("other", ONE_PER_MINUTE);
    reserveAndCommit(store, List.of(full), T0);

    assertInstanceOf(
        SendCounterStore.Refused.class, store.tryReserve(List.of(other, full), T0.plusSeconds(1)));

    assertInstanceOf(
        SendCounterStore.Reserved.class, store.tryReserve(List.of(other), T0.plusSeconds(2)));
  }

  @Test
  void whenSeveralCountersAreFullTheLongestWaitIsReported() {
    SendCounterStore store = store();
    SendCounterStore.Counter shortWindow = new SendCounterStore.Counter("short", ONE_PER_MINUTE);
    SendCounterStore.Counter longWindow =
        new SendCounterStore.Counter("long", LimitRule.of(1, Duration.ofHours(1)));
    reserveAndCommit(store, List.of(shortWindow, longWindow), T0);

    Instant later = T0.plusSeconds(10);
    for (List<SendCounterStore.Counter> counters :
        List.of(List.of(shortWindow, longWindow), List.of(longWindow, shortWindow))) {
      SendCounterStore.Refused refused =
          assertInstanceOf(SendCounterStore.Refused.class, store.tryReserve(counters, later));
      assertEquals("long", refused.key());
      assertEquals(Duration.ofHours(1).minusSeconds(10), refused.retryAfter());
    }
  }

  @Test
  void aKeyCountedUnderTwoWindowsKeepsItsSendsForTheLongerOne() {
    SendCounterStore store = store();
    LimitRule onePerHour = LimitRule.of(1, Duration.ofHours(1));
    reserveAndCommit(store, counter("k", onePerHour), T0);
    reserveAndCommit(store, counter("k", LimitRule.of(5, Duration.ofMinutes(1))), T0);

    assertInstanceOf(
        SendCounterStore.Refused.class,
        store.tryReserve(counter("k", onePerHour), T0.plus(Duration.ofMinutes(30))));
  }
}
