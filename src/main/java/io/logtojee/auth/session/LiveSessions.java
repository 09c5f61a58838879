package io.logtojee.auth.session;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Ends this node's sessions by id for a back-channel logout, and keeps the {@link SessionDirectory}
 * in step with the container: an ended session is forgotten, a changed id is followed.
 */
public final class LiveSessions implements HttpSessionListener, HttpSessionIdListener {

  private final SessionDirectory directory;
  private final SessionLookup lookup;

  public LiveSessions(SessionDirectory directory, SessionLookup lookup) {
    this.directory = directory;
    this.lookup = lookup;
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    directory.forget(event.getSession().getId());
  }

  /** Follows an id change, such as the renewal at sign-in, in the directory. */
  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    directory.renamed(oldSessionId, event.getSession().getId());
  }

  /** Ends the session with {@code id} if this node can reach it; true if it did. */
  public boolean invalidate(String id) {
    boolean ended = lookup.invalidate(id);
    directory.forget(id);
    return ended;
  }
}
