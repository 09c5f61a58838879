package io.logtojee.mail.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallPacerTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final List<Long> waitedUntil = new ArrayList<>();

  /** 100 calls per second: one slot every 10 ms; waiting moves the clock to the slot. */
  private final CallPacer pacer =
      new CallPacer(
          100,
          now::get,
          slot -> {
            waitedUntil.add(slot);
            now.set(Math.max(now.get(), slot));
          });

  @Test
  void theFirstCallGoesAtOnce() throws InterruptedException {
    assertTrue(pacer.awaitSlot(now.get()));
    assertEquals(List.of(5_000 * MS), waitedUntil);
  }

  @Test
  void callsArrivingTogetherAreSpacedOneIntervalApart() throws InterruptedException {
    long start = now.get();
    CallPacer together = new CallPacer(100, () -> start, waitedUntil::add);
    for (int i = 0; i < 5; i++) {
      assertTrue(together.awaitSlot(start + 1_000 * MS));
    }
    assertEquals(
        List.of(start, start + 10 * MS, start + 20 * MS, start + 30 * MS, start + 40 * MS),
        waitedUntil);
  }

  @Test
  void noSecondEverHoldsMoreCallsThanTheRate() throws InterruptedException {
    long start = now.get();
    CallPacer together = new CallPacer(100, () -> start, waitedUntil::add);
    for (int i = 0; i < 1_000; i++) {
      assertTrue(together.awaitSlot(start + 20_000 * MS));
    }
    for (int i = 100; i < waitedUntil.size(); i++) {
      assertTrue(
          waitedUntil.get(i) - waitedUntil.get(i - 100) >= 1_000 * MS,
          "calls " + (i - 100) + " and " + i + " lie within one second");
    }
  }

  @Test
  void aCallAfterAQuietTimeGoesAtOnceWithoutABurstOfSavedSlots() throws InterruptedException {
    assertTrue(pacer.awaitSlot(now.get()));
    now.addAndGet(1_000 * MS);
    long later = now.get();
    assertTrue(pacer.awaitSlot(later));
    assertTrue(pacer.awaitSlot(later + 1_000 * MS));
    assertEquals(List.of(5_000 * MS, later, later + 10 * MS), waitedUntil);
  }

  @Test
  void aCallWhoseTurnComesTooLateIsRefusedAndLeavesNoGap() throws InterruptedException {
    long start = now.get();
    CallPacer together = new CallPacer(100, () -> start, waitedUntil::add);
    assertTrue(together.awaitSlot(start));
    assertTrue(together.awaitSlot(start + 10 * MS));
    // The next free slot is start + 20 ms: a call that must start by start + 15 ms is refused.
    assertFalse(together.awaitSlot(start + 15 * MS));
    // ... and the slot it did not take is the next caller's.
    assertTrue(together.awaitSlot(start + 20 * MS));
    assertEquals(List.of(start, start + 10 * MS, start + 20 * MS), waitedUntil);
  }

  @Test
  void aFreeSlotIsTakenEvenWhenTheLatestStartHasJustPassed() throws InterruptedException {
    long computedEarlier = now.get() - 1;
    assertTrue(pacer.awaitSlot(computedEarlier));
    assertFalse(pacer.awaitSlot(computedEarlier), "the next call would have to wait");
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CallPacer(0, now::get, t -> {}));
  }

  @Test
  void theRealWaiterSleepsUntilTheSlot() throws InterruptedException {
    CallPacer real = CallPacer.ofRate(20);
    long before = System.nanoTime();
    assertTrue(real.awaitSlot(before + 1_000 * MS));
    assertTrue(real.awaitSlot(before + 1_000 * MS));
    assertTrue(System.nanoTime() - before >= 50 * MS, "the second call waited its 50 ms");
  }
}
