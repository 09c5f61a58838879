package io.logtojee.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * This node's sessions by id, for back-channel logout (SES-05, SES-07), across the id change the
 * sign-in makes with {@code changeSessionId()}.
 */
class LiveSessionsTest {

  private final InMemorySessionDirectory directory = new InMemorySessionDirectory();
  private final HeldSessions held = new HeldSessions();
  private final LiveSessions live = new LiveSessions(directory, held);

  @Test
  void aSessionIsFoundByItsNewIdAfterAnIdChange() {
    FakeSession session = FakeSession.existing();
    held.sessionCreated(new HttpSessionEvent(session.asHttpSession()));
    String oldId = session.getId();
    FakeRequest request = FakeRequest.get("/callback").withSession(session).notifying(held, live);

    request.asServletRequest().changeSessionId();
    directory.register(session.getId(), "alice", "sid-a");

    assertFalse(live.invalidate(oldId));
    assertFalse(session.isInvalidated());
    assertTrue(live.invalidate(session.getId()));
    assertTrue(session.isInvalidated());
    assertEquals(Set.of(), directory.sessionsFor("alice", null));
  }

  @Test
  void anIdChangeAfterSignInKeepsTheDirectoryEntry() {
    FakeSession session = FakeSession.existing();
    held.sessionCreated(new HttpSessionEvent(session.asHttpSession()));
    directory.register(session.getId(), "alice", "sid-a");
    FakeRequest request = FakeRequest.get("/").withSession(session).notifying(held, live);

    request.asServletRequest().changeSessionId();

    assertEquals(Set.of(session.getId()), directory.sessionsFor("alice", "sid-a"));
    assertEquals(1, directory.size());
  }

  @Test
  void anEndedSessionIsForgottenUnderItsCurrentId() {
    FakeSession session = FakeSession.existing();
    held.sessionCreated(new HttpSessionEvent(session.asHttpSession()));
    FakeRequest request = FakeRequest.get("/").withSession(session).notifying(held, live);
    request.asServletRequest().changeSessionId();
    directory.register(session.getId(), "alice", null);

    held.sessionDestroyed(new HttpSessionEvent(session.asHttpSession()));
    live.sessionDestroyed(new HttpSessionEvent(session.asHttpSession()));

    assertEquals(0, directory.size());
    assertFalse(live.invalidate(session.getId()));
  }
}
