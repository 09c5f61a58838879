package io.logtojee.auth.session;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every session object of this node by id. This works where a session object stays usable
 * after its request, as in Tomcat (with or without its cluster managers); a distributed WildFly
 * session does not, so there {@link ContainerSessions} is used instead.
 */
public final class HeldSessions
    implements SessionLookup, HttpSessionListener, HttpSessionIdListener {

  private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    sessions.put(event.getSession().getId(), event.getSession());
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    sessions.remove(event.getSession().getId());
  }

  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    sessions.remove(oldSessionId);
    sessions.put(event.getSession().getId(), event.getSession());
  }

  @Override
  public boolean invalidate(String id) {
    return end(sessions.remove(id));
  }

  /** Ends a session that may be null or already ended; true if this call ended it. */
  static boolean end(HttpSession session) {
    if (session == null) {
      return false;
    }
    try {
      session.invalidate();
      return true;
    } catch (IllegalStateException alreadyEnded) {
      return false;
    }
  }

  /** How many sessions are held, for tests. */
  public int size() {
    return sessions.size();
  }
}
