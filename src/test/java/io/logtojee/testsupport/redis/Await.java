package io.logtojee.testsupport.redis;

import java.time.Duration;

/** Retries an assertion until it holds or the time is up, for recoveries that take a moment. */
public final class Await {
  private Await() {}

  /** Runs {@code assertion} until it passes; after {@code timeout} its last failure is thrown. */
  public static void until(Duration timeout, Runnable assertion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
