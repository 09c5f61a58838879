package io.logtojee.testsupport.dm;

import java.util.Arrays;

/**
 * The fake's own time per API call, so a benchmark can tell the time the application adds from the
 * time the fake takes. Keeps the most recent {@value #CAPACITY} figures.
 */
final class HandlingTimes {
  static final int CAPACITY = 200_000;

  private final long[] nanos = new long[CAPACITY];
  private int count;

  synchronized void add(long elapsedNanos) {
    nanos[count % CAPACITY] = elapsedNanos;
    count++;
  }

  synchronized void reset() {
    count = 0;
  }

  /** The quantile (0 to 1) of the kept figures by the nearest-rank rule; NaN when none. */
  synchronized double quantileNanos(double quantile) {
    int size = Math.min(count, CAPACITY);
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(quantile * size);
    return sorted[Math.max(0, Math.min(size, rank) - 1)];
  }
}
