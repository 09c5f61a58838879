package io.logtojee.auth.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends sessions through the container's own lookup by id: Undertow (WildFly) offers a public {@code
 * getSession(String)} on its servlet context. It is the only way that works there with a
 * distributable application: a session object kept from an earlier request belongs to that request
 * and ignores a later {@code invalidate()}, while the looked-up session ends on every node.
 */
final class ContainerSessions implements SessionLookup {

  private static final Logger LOG = Logger.getLogger(ContainerSessions.class.getName());

  private final ServletContext context;
  private final Method getSession;

  private ContainerSessions(ServletContext context, Method getSession) {
    this.context = context;
    this.getSession = getSession;
  }

  /** The container's lookup, when this context has one. */
  static Optional<SessionLookup> of(ServletContext context) {
    try {
      Method method = context.getClass().getMethod("getSession", String.class);
      if (!HttpSession.class.isAssignableFrom(method.getReturnType())) {
        return Optional.empty();
      }
      return Optional.of(new ContainerSessions(context, method));
    } catch (NoSuchMethodException | SecurityException none) {
      return Optional.empty();
    }
  }

  @Override
  public boolean invalidate(String id) {
    HttpSession session;
    try {
      session = (HttpSession) getSession.invoke(context, id);
    } catch (IllegalAccessException | InvocationTargetException e) {
      LOG.log(Level.WARNING, "The container could not look up a session to end it", e);
      return false;
    }
    return HeldSessions.end(session);
  }
}
