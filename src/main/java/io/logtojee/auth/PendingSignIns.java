package io.logtojee.auth;

import io.logtojee.auth.session.SessionLookup;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Bounds the sessions of sign-ins that were started but not finished. Anyone can start a sign-in
 * without credentials, so a flood of {@code /sign-in} requests would otherwise fill the server with
 * sessions. Beyond the limit the oldest pending sign-in is ended instead of refusing new ones, so a
 * flood cannot lock real users out; the dropped user sees "sign in again".
 *
 * <p>Only ids are kept, oldest first; the session is ended through the {@link SessionLookup}, since
 * a session object kept from its request cannot be ended later on every container. A sign-in ends
 * pending when its callback changes the session id: the session lives on, signed in, and must not
 * be ended later as the oldest pending sign-in.
 */
public final class PendingSignIns implements HttpSessionListener, HttpSessionIdListener {

  private final int limit;
  private final SessionLookup sessions;
  private final Set<String> pending = new LinkedHashSet<>();

  public PendingSignIns(int limit, SessionLookup sessions) {
    this.limit = limit;
    this.sessions = sessions;
  }

  /** Records a session that now holds a pending sign-in, ending the oldest one over the limit. */
  public void started(HttpSession session) {
    String evicted = null;
    synchronized (pending) {
      pending.remove(session.getId());
      pending.add(session.getId());
      if (pending.size() > limit) {
        Iterator<String> oldest = pending.iterator();
        evicted = oldest.next();
        oldest.remove();
      }
    }
    if (evicted != null) {
      sessions.invalidate(evicted);
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

  /** The callback changed the id of a pending session: the sign-in is complete. */
  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    synchronized (pending) {
      pending.remove(oldSessionId);
    }
  }
}
