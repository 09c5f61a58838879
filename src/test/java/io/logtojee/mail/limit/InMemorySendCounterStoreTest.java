package io.logtojee.mail.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySendCounterStoreTest extends SendCounterStoreContract {

  @Override
  protected SendCounterStore store() {
    return new InMemorySendCounterStore();
  }

  @Test
  void memoryFollowsRecentTrafficOnly() {
    InMemorySendCounterStore store = new InMemorySendCounterStore();
    for (int i = 0; i < 10_050; i++) {
      SendCounterStore.Outcome outcome =
          store.tryReserve(List.of(new SendCounterStore.Counter("rcpt:" + i, ONE_PER_MINUTE)), T0);
      store.commit(((SendCounterStore.Reserved) outcome).reservationId());
    }
    assertEquals(10_050, store.trackedKeys());

    store.tryReserve(
        List.of(new SendCounterStore.Counter("rcpt:new", ONE_PER_MINUTE)),
        T0.plus(Duration.ofMinutes(2)));

    assertEquals(1, store.trackedKeys());
  }

  /** Enough distinct keys, all sent at {@code at}, for the next reservation to sweep. */
  private static void crowd(InMemorySendCounterStore store, Instant at) {
    for (int i = 0; i < 10_050; i++) {
      reserveAndCommit(
          store, List.of(new SendCounterStore.Counter("crowd:" + i, ONE_PER_MINUTE)), at);
    }
  }

  @Test
  void aKeyCountedUnderTwoWindowsIsSweptWithTheLongerOne() {
    InMemorySendCounterStore store = new InMemorySendCounterStore();
    LimitRule onePerHour = LimitRule.of(1, Duration.ofHours(1));
    reserveAndCommit(store, List.of(new SendCounterStore.Counter("k", onePerHour)), T0);
    reserveAndCommit(
        store,
        List.of(new SendCounterStore.Counter("k", LimitRule.of(5, Duration.ofMinutes(1)))),
        T0);
    crowd(store, T0);

    // Thirty minutes on, the sweep must keep k's sends: the hourly rule still counts them.
    assertInstanceOf(
        SendCounterStore.Refused.class,
        store.tryReserve(
            List.of(new SendCounterStore.Counter("k", onePerHour)),
            T0.plus(Duration.ofMinutes(30))));
  }

  @Test
  void aKeyUsedMoreThanOnceIsStillSweptOnceItsWindowHasPassed() {
    InMemorySendCounterStore store = new InMemorySendCounterStore();
    LimitRule twoPerMinute = LimitRule.of(2, Duration.ofMinutes(1));
    reserveAndCommit(store, List.of(new SendCounterStore.Counter("k", twoPerMinute)), T0);
    reserveAndCommit(store, List.of(new SendCounterStore.Counter("k", twoPerMinute)), T0);
    crowd(store, T0);

    store.tryReserve(
        List.of(new SendCounterStore.Counter("new", ONE_PER_MINUTE)),
        T0.plus(Duration.ofMinutes(2)));

    assertEquals(1, store.trackedKeys());
  }

  @Test
  void manyLiveKeysAreSweptWhenTheyHaveDoubledOrTenSecondsHavePassedNotOnEverySend() {
    InMemorySendCounterStore store = new InMemorySendCounterStore();
    // 40,000 addresses within 40 s of one window: all stay live, so no sweep can shrink them.
    for (int i = 0; i < 40_000; i++) {
      reserveAndCommit(
          store,
          List.of(new SendCounterStore.Counter("rcpt:" + i, ONE_PER_MINUTE)),
          T0.plusMillis(i));
    }
    assertEquals(40_000, store.trackedKeys());
    // At 10,001 keys (T0+10 s), then every 10 s: at T0+20 s, T0+30 s; not once per send.
    assertEquals(3, store.sweeps());
  }

  @Test
  void pruningDropsTheExpiredSendsAtTheHeadAndKeepsPendingOnes() {
    InMemorySendCounterStore store = new InMemorySendCounterStore();
    LimitRule many = LimitRule.of(1_000, Duration.ofMinutes(1));
    SendCounterStore.Reserved pending =
        (SendCounterStore.Reserved)
            store.tryReserve(List.of(new SendCounterStore.Counter("global", many)), T0);
    for (int i = 1; i <= 5; i++) {
      reserveAndCommit(
          store, List.of(new SendCounterStore.Counter("global", many)), T0.plusSeconds(i));
    }
    reserveAndCommit(
        store, List.of(new SendCounterStore.Counter("global", many)), T0.plusSeconds(50));
    assertEquals(7, store.entriesOf("global"));

    // At T0 + 63 s the sends of T0 .. T0 + 3 s have left the window; the pending one stays.
    reserveAndCommit(
        store, List.of(new SendCounterStore.Counter("global", many)), T0.plusSeconds(63));
    assertEquals(5, store.entriesOf("global"), "pending T0, T0+4, T0+5, T0+50, T0+63");

    store.commit(pending.reservationId());
    reserveAndCommit(
        store, List.of(new SendCounterStore.Counter("global", many)), T0.plusSeconds(64));
    assertEquals(4, store.entriesOf("global"), "T0+5, T0+50, T0+63, T0+64");
  }
}
