package io.logtojee.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.servlet.FakeSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How sessions are ended by id: through the container's lookup where it has one (Undertow's {@code
 * getSession(String)}), otherwise by holding the session objects (Tomcat).
 */
class SessionLookupTest {

  /** The shape of Undertow's servlet context that {@link ContainerSessions} relies on. */
  public interface ContextWithLookup {
    HttpSession getSession(String id);
  }

  private final List<Object> listeners = new ArrayList<>();

  @Test
  void aContainerWithALookupByIdEndsTheSessionItFinds() {
    FakeSession session = FakeSession.existing();
    ServletContext context = context(Map.of(session.getId(), session));

    SessionLookup lookup = SessionLookup.forContainer(context);

    assertInstanceOf(ContainerSessions.class, lookup);
    assertTrue(listeners.isEmpty(), "nothing to hold: the container finds sessions itself");
    assertFalse(lookup.invalidate("unknown"));
    assertTrue(lookup.invalidate(session.getId()));
    assertTrue(session.isInvalidated());
    assertFalse(lookup.invalidate(session.getId()), "an ended session is not ended twice");
  }

  @Test
  void aContainerWithoutALookupGetsTheSessionsHeldByAListener() {
    ServletContext context = context(null);

    SessionLookup lookup = SessionLookup.forContainer(context);

    HeldSessions held = assertInstanceOf(HeldSessions.class, lookup);
    assertEquals(List.of(held), listeners, "registered to see the sessions");
    FakeSession session = FakeSession.existing();
    held.sessionCreated(new HttpSessionEvent(session.asHttpSession()));
    assertTrue(held.invalidate(session.getId()));
    assertTrue(session.isInvalidated());
    assertEquals(0, held.size());
  }

  @Test
  void heldSessionsFollowIdChangesAndForgetEndedSessions() {
    HeldSessions held = new HeldSessions();
    FakeSession renewed = FakeSession.existing();
    held.sessionCreated(new HttpSessionEvent(renewed.asHttpSession()));
    held.sessionIdChanged(new HttpSessionEvent(renewed.asHttpSession()), "old-id");
    FakeSession ended = FakeSession.existing();
    held.sessionCreated(new HttpSessionEvent(ended.asHttpSession()));
    held.sessionDestroyed(new HttpSessionEvent(ended.asHttpSession()));

    assertFalse(held.invalidate("old-id"));
    assertFalse(held.invalidate(ended.getId()));
    assertFalse(ended.isInvalidated());
    assertTrue(held.invalidate(renewed.getId()));
  }

  /** A servlet context, with Undertow's lookup when {@code sessions} is given. */
  private ServletContext context(Map<String, FakeSession> sessions) {
    Class<?>[] types =
        sessions == null
            ? new Class<?>[] {ServletContext.class}
            : new Class<?>[] {ServletContext.class, ContextWithLookup.class};
    return (ServletContext)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            types,
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getSession" -> {
                    FakeSession found = sessions.get((String) args[0]);
                    yield found == null || found.isInvalidated() ? null : found.asHttpSession();
                  }
                  case "addListener" -> {
                    listeners.add(args[0]);
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
