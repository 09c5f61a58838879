package io.logtojee.auth.session;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link SessionDirectory} of a single node. Its size follows the live sessions, provided the
 * caller forgets each session when it ends (an {@code HttpSessionListener}).
 */
public final class InMemorySessionDirectory implements SessionDirectory {

  private record Entry(String sub, String sid) {}

  private final Map<String, Entry> bySession = new HashMap<>();
  private final Map<String, Set<String>> bySub = new HashMap<>();
  private final Map<String, Set<String>> bySid = new HashMap<>();

  @Override
  public synchronized void register(String sessionId, String sub, String sid) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(sub, "sub");
    forget(sessionId);
    bySession.put(sessionId, new Entry(sub, sid));
    bySub.computeIfAbsent(sub, key -> new LinkedHashSet<>()).add(sessionId);
    if (sid != null) {
      bySid.computeIfAbsent(sid, key -> new LinkedHashSet<>()).add(sessionId);
    }
  }

  @Override
  public synchronized Set<String> sessionsFor(String sub, String sid) {
    if (sid != null) {
      Set<String> ids = new LinkedHashSet<>();
      for (String id : bySid.getOrDefault(sid, Set.of())) {
        if (sub == null || sub.equals(bySession.get(id).sub())) {
          ids.add(id);
        }
      }
      return Set.copyOf(ids);
    }
    if (sub != null) {
      return Set.copyOf(bySub.getOrDefault(sub, Set.of()));
    }
    return Set.of();
  }

  @Override
  public synchronized void forget(String sessionId) {
    Entry entry = bySession.remove(sessionId);
    if (entry == null) {
      return;
    }
    removeFromIndex(bySub, entry.sub(), sessionId);
    if (entry.sid() != null) {
      removeFromIndex(bySid, entry.sid(), sessionId);
    }
  }

  @Override
  public synchronized void renamed(String oldSessionId, String newSessionId) {
    Entry entry = bySession.get(oldSessionId);
    if (entry != null) {
      forget(oldSessionId);
      register(newSessionId, entry.sub(), entry.sid());
    }
  }

  /** How many sessions are recorded. */
  public synchronized int size() {
    return bySession.size();
  }

  private static void removeFromIndex(Map<String, Set<String>> index, String key, String id) {
    Set<String> ids = index.get(key);
    if (ids != null) {
      ids.remove(id);
      if (ids.isEmpty()) {
        index.remove(key);
      }
    }
  }
}
