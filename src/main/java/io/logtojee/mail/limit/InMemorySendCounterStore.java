package io.logtojee.mail.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sliding-window log counters in this JVM. One lock guards everything: a send touches three
 * counters, and checking them together is what keeps concurrent sends from overshooting.
 */
public final class InMemorySendCounterStore implements SendCounterStore {
  /** A send that counts against a key, from the moment it was reserved. */
  private static final class Entry {
    final String key;
    final Instant at;
    boolean committed;

    Entry(String key, Instant at) {
      this.key = key;
      this.at = at;
    }
  }

  private static final int SWEEP_THRESHOLD = 10_000;

  /**
   * Beyond {@link #SWEEP_THRESHOLD} keys, sweeps again only once the keys have doubled since the
   * last sweep or {@link #SWEEP_INTERVAL} has passed: sweeping visits every key, and with many live
   * keys (a new address on every send) sweeping on each send made each send cost as much as all the
   * others together.
   */
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

  private int nextSweepAt = SWEEP_THRESHOLD;
  private Instant lastSweep;

  private int sweeps;

  private final Map<String, Deque<Entry>> entriesByKey = new HashMap<>();
  private final Map<String, List<Entry>> entriesByReservation = new HashMap<>();
  private final Map<String, Duration> windowByKey = new HashMap<>();

  @Override
  public synchronized Outcome tryReserve(List<Counter> counters, Instant now) {
    int keys = entriesByKey.size();
    if (keys > SWEEP_THRESHOLD
        && (keys > nextSweepAt
            || lastSweep == null
            || !now.isBefore(lastSweep.plus(SWEEP_INTERVAL)))) {
      sweep(now);
      sweeps++;
      lastSweep = now;
      nextSweepAt = Math.max(SWEEP_THRESHOLD, 2 * entriesByKey.size());
    }
    Refused worst = null;
    for (Counter counter : counters) {
      Deque<Entry> entries = prune(counter.key(), counter.rule().window(), now);
      int max = counter.rule().maxSends();
      if (entries.size() >= max) {
        // The (size - max + 1)-th oldest entry has to leave the window before one more fits.
        Entry blocking = entries.stream().skip(entries.size() - max).findFirst().orElseThrow();
        Duration wait = Duration.between(now, blocking.at.plus(counter.rule().window()));
        if (worst == null || wait.compareTo(worst.retryAfter()) > 0) {
          worst = new Refused(counter.key(), wait);
        }
      }
    }
    if (worst != null) {
      return worst;
    }
    String reservationId = UUID.randomUUID().toString();
    List<Entry> added = new ArrayList<>(counters.size());
    for (Counter counter : counters) {
      Entry entry = new Entry(counter.key(), now);
      entriesByKey.computeIfAbsent(counter.key(), k -> new ArrayDeque<>()).addLast(entry);
      windowByKey.merge(
          counter.key(), counter.rule().window(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      added.add(entry);
    }
    entriesByReservation.put(reservationId, added);
    return new Reserved(reservationId);
  }

  @Override
  public synchronized void commit(String reservationId) {
    List<Entry> entries = entriesByReservation.remove(reservationId);
    if (entries != null) {
      entries.forEach(e -> e.committed = true);
    }
  }

  @Override
  public synchronized void release(String reservationId) {
    List<Entry> entries = entriesByReservation.remove(reservationId);
    if (entries == null) {
      return;
    }
    for (Entry entry : entries) {
      Deque<Entry> perKey = entriesByKey.get(entry.key);
      if (perKey != null) {
        perKey.removeIf(e -> e == entry);
      }
    }
  }

  private Deque<Entry> prune(String key, Duration window, Instant now) {
    Deque<Entry> entries = entriesByKey.get(key);
    if (entries == null) {
      return new ArrayDeque<>();
    }
    Instant cutoff = now.minus(window);
    // Entries are appended in time order, so the expired ones lead: stop at the first one still in
    // the window instead of visiting them all (the global counter holds every send of the window).
    // Pending entries are never pruned: their send is still in flight.
    Iterator<Entry> oldestFirst = entries.iterator();
    while (oldestFirst.hasNext()) {
      Entry entry = oldestFirst.next();
      if (entry.at.isAfter(cutoff)) {
        break;
      }
      if (entry.committed) {
        oldestFirst.remove();
      }
    }
    if (entries.isEmpty()) {
      entriesByKey.remove(key);
      windowByKey.remove(key);
    }
    return entries;
  }

  /** Drops keys whose entries have all left their window, so memory follows recent traffic only. */
  private void sweep(Instant now) {
    Iterator<Map.Entry<String, Duration>> it = new ArrayList<>(windowByKey.entrySet()).iterator();
    while (it.hasNext()) {
      Map.Entry<String, Duration> keyWindow = it.next();
      prune(keyWindow.getKey(), keyWindow.getValue(), now);
    }
  }

  /** How many sweeps ran; for tests of their cost. */
  synchronized int sweeps() {
    return sweeps;
  }

  /** How many entries one key holds; for tests of the pruning. */
  synchronized int entriesOf(String key) {
    Deque<Entry> entries = entriesByKey.get(key);
    return entries == null ? 0 : entries.size();
  }

  /** How many keys are tracked; for tests of the clean-up. */
  synchronized int trackedKeys() {
    return entriesByKey.size();
  }
}
