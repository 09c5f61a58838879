package io.logtojee.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.pac4j.core.context.FrameworkParameters;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.context.session.SessionStore;
import org.pac4j.core.context.session.SessionStoreFactory;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.session.JEESessionStore;

/**
 * pac4j's servlet session store, except that renewing the session at sign-in changes its id with
 * {@link HttpServletRequest#changeSessionId()} instead of copying the attributes, invalidating the
 * session and creating a new one in the same request. Both keep session fixation out (SES-01: the
 * id changes and the old one is gone), but the invalidate-and-recreate pair leaves WildFly's
 * distributed session locked by the node that served the callback, so every request of that user on
 * another node waits 15 s and fails. Changing the id keeps one session, which every container
 * replicates as an ordinary id change, and fires {@code HttpSessionIdListener}s instead of a
 * destroy and a create.
 *
 * <p>pac4j's own bookkeeping of the renewal (telling each client the old id, so its logout handler
 * can follow the session) is done by its callback logic around this call and is unchanged.
 */
final class IdChangingSessionStore extends JEESessionStore {

  /** One store serves every request, as pac4j's own factory does: it keeps no per-request state. */
  static final IdChangingSessionStore INSTANCE = new IdChangingSessionStore();

  /** The factory the pac4j {@code Config} hands to its filters and profile managers. */
  static final SessionStoreFactory FACTORY = new Factory();

  private IdChangingSessionStore() {}

  @Override
  public boolean renewSession(WebContext context) {
    HttpServletRequest request = ((JEEContext) context).getNativeRequest();
    HttpSession session = request.getSession(false);
    if (session == null) {
      // Like pac4j: with no session there is nothing to fix, and the caller expects one now.
      request.getSession(true);
    } else {
      request.changeSessionId();
    }
    return true;
  }

  private static final class Factory implements SessionStoreFactory {
    @Override
    public SessionStore newSessionStore(FrameworkParameters parameters) {
      return INSTANCE;
    }
  }
}
