package io.logtojee.it;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for a condition the application reaches on its own schedule (its retry of Logto's discovery
 * is rate-limited to once per 5 s). The condition decides; the deadline only bounds a failing test.
 */
final class Eventually {

  private Eventually() {}

  static <T> T await(
      String what, Duration deadline, Supplier<T> attempt, java.util.function.Predicate<T> done) {
    Instant end = Instant.now().plus(deadline);
    T last = attempt.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("Timed out waiting for " + what + "; last: " + last);
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      last = attempt.get();
    }
    return last;
  }
}
