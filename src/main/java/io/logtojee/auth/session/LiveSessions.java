package io.logtojee.auth.session;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this node holds, by id, so that a back-channel logout can end them: the servlet API
 * offers no lookup of a session by id. Ended sessions are also dropped from the {@link
 * SessionDirectory}.
 */
public final class LiveSessions implements HttpSessionListener, HttpSessionIdListener {

  private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();
  private final SessionDirectory directory;

  public LiveSessions(SessionDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    sessions.put(event.getSession().getId(), event.getSession());
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    String id = event.getSession().getId();
    sessions.remove(id);
    directory.forget(id);
  }

  /** Follows an id change, such as the renewal at sign-in, in this map and in the directory. */
  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    HttpSession session = event.getSession();
    sessions.remove(oldSessionId);
    sessions.put(session.getId(), session);
    directory.renamed(oldSessionId, session.getId());
  }

  /** Ends the session with {@code id} if this node holds it; true if it did. */
  public boolean invalidate(String id) {
    Optional<HttpSession> session = Optional.ofNullable(sessions.remove(id));
    session.ifPresent(
        s -> {
          try {
            s.invalidate();
          } catch (IllegalStateException alreadyEnded) {
            // Ended meanwhile: the outcome is the same.
          }
        });
    directory.forget(id);
    return session.isPresent();
  }
}
