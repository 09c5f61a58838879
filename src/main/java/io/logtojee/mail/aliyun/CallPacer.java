package io.logtojee.mail.aliyun;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces the calls toward DirectMail so that they never exceed a rate (Aliyun allows 100 {@code
 * SingleSendMail} calls per second per account by default): each call takes the next free slot, one
 * interval after the previous one, and waits for it. A call whose slot lies beyond its latest start
 * is refused without taking the slot, so callers that give up leave no gap behind them.
 *
 * <p>Slots are kept in nanoseconds of {@link System#nanoTime()}; there is no burst: after a quiet
 * time the first call goes at once and the next one an interval later. The rate applies to this
 * node only; a cluster of N nodes shares Aliyun's limit by giving each node a rate of limit / N.
 */
final class CallPacer {

  /** Waits until a point in {@link System#nanoTime()} time; tests pass one that records. */
  @FunctionalInterface
  interface Waiter {
    void waitUntil(long nanoTime) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Waiter waiter;
  private long nextFreeSlot = Long.MIN_VALUE;

  /**
   * @param callsPerSecond at most this many calls start in any second (1 or more)
   */
  CallPacer(int callsPerSecond, LongSupplier nanoTime, Waiter waiter) {
    if (callsPerSecond < 1) {
      throw new IllegalArgumentException("callsPerSecond must be at least 1");
    }
    this.intervalNanos = Duration.ofSeconds(1).toNanos() / callsPerSecond;
    this.nanoTime = nanoTime;
    this.waiter = waiter;
  }

  /** With the system's monotonic clock and real waits. */
  static CallPacer ofRate(int callsPerSecond) {
    return new CallPacer(callsPerSecond, System::nanoTime, CallPacer::sleepUntil);
  }

  /**
   * Takes the next free slot and waits for it.
   *
   * @param latestStart the {@link System#nanoTime()} value after which the call is not worth
   *     starting
   * @return true when the slot was taken and has come; false when the call would have to wait for a
   *     slot after {@code latestStart} (nothing was taken)
   * @throws InterruptedException while waiting for a taken slot (the slot stays used)
   */
  boolean awaitSlot(long latestStart) throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      slot = nextFreeSlot == Long.MIN_VALUE || nextFreeSlot - now < 0 ? now : nextFreeSlot;
      // A free slot now is always taken: the caller may have computed its latest start a moment
      // ago.
      if (slot != now && slot - latestStart > 0) {
        return false;
      }
      nextFreeSlot = slot + intervalNanos;
    }
    waiter.waitUntil(slot);
    return true;
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long remaining = nanoTime - System.nanoTime();
    while (remaining > 0) {
      Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
      remaining = nanoTime - System.nanoTime();
    }
  }
}
