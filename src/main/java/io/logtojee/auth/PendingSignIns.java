package io.logtojee.auth;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds the sessions of sign-ins that were started but not finished. Anyone can start a sign-in
 * without credentials, so a flood of {@code /sign-in} requests would otherwise fill the server with
 * sessions. Beyond the limit the oldest pending sign-in is dropped instead of refusing new ones, so
 * a flood cannot lock real users out; the dropped user sees "sign in again".
 */
public final class PendingSignIns implements HttpSessionListener {

  private final int limit;
  private final Map<String, HttpSession> pending = new LinkedHashMap<>();

  public PendingSignIns(int limit) {
    this.limit = limit;
  }

  /** Records a session that now holds a pending sign-in, dropping the oldest one over the limit. */
  public void started(HttpSession session) {
    HttpSession evicted = null;
    synchronized (pending) {
      pending.remove(session.getId());
      pending.put(session.getId(), session);
      if (pending.size() > limit) {
        Iterator<HttpSession> oldest = pending.values().iterator();
        evicted = oldest.next();
        oldest.remove();
      }
    }
    if (evicted != null) {
      try {
        evicted.invalidate();
      } catch (IllegalStateException alreadyGone) {
        // Invalidated meanwhile: nothing left to drop.
      }
    }
  }

  /** How many sign-ins are pending on this node. */
  public int count() {
    synchronized (pending) {
      return pending.size();
    }
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    synchronized (pending) {
      pending.remove(event.getSession().getId());
    }
  }
}
