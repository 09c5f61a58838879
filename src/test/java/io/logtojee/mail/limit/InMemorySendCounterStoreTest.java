package io.logtojee.mail.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySendCounterStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final LimitRule ONE_PER_MINUTE = LimitRule.of(1, Duration.ofMinutes(1));

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

  @Test
  void pendingEntriesOutliveTheirWindowUntilSettled() {
    InMemorySendCounterStore store = new InMemorySendCounterStore();
    List<SendCounterStore.Counter> counter =
        List.of(new SendCounterStore.Counter("k", ONE_PER_MINUTE));
    String id = ((SendCounterStore.Reserved) store.tryReserve(counter, T0)).reservationId();

    assertInstanceOf(
        SendCounterStore.Refused.class, store.tryReserve(counter, T0.plus(Duration.ofMinutes(5))));

    store.release(id);
    assertInstanceOf(
        SendCounterStore.Reserved.class, store.tryReserve(counter, T0.plus(Duration.ofMinutes(5))));
  }
}
