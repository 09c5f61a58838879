package io.logtojee.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.session.HeldSessions;
import io.logtojee.auth.session.InMemorySessionDirectory;
import io.logtojee.auth.session.LiveSessions;
import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import io.logtojee.testsupport.servlet.FakeSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.JEEFrameworkParameters;

/**
 * The session renewal at sign-in (SES-01) by {@code changeSessionId()}: a new id for the same
 * session, its attributes kept, never {@code invalidate()} followed by a new session, which leaves
 * WildFly's distributed session locked on the node that served the callback.
 */
class IdChangingSessionStoreTest {

  private static JEEContext context(FakeRequest request) {
    return new JEEContext(request.asServletRequest(), new FakeResponse().asServletResponse());
  }

  @Test
  void renewalChangesTheIdOfTheSameSessionAndNeverInvalidates() {
    FakeSession session =
        FakeSession.existing().with("logto$stateSessionParameter", "st4te").with("n", 7L);
    String before = session.getId();
    FakeRequest request = FakeRequest.get("/callback").withSession(session);

    assertTrue(IdChangingSessionStore.INSTANCE.renewSession(context(request)));

    assertSame(session, request.session(), "no new session");
    assertNotEquals(before, session.getId());
    assertEquals(List.of(before), session.previousIds(), "one id change");
    assertEquals(0, session.invalidateCalls());
    assertFalse(session.isInvalidated());
    assertEquals("st4te", session.getAttribute("logto$stateSessionParameter"));
    assertEquals(7L, session.getAttribute("n"));
  }

  @Test
  void pac4jSeesTheNewIdThroughTheSameStore() {
    FakeSession session = FakeSession.existing();
    FakeRequest request = FakeRequest.get("/callback").withSession(session);
    JEEContext context = context(request);
    String before = IdChangingSessionStore.INSTANCE.getSessionId(context, false).orElseThrow();

    IdChangingSessionStore.INSTANCE.renewSession(context);

    String after = IdChangingSessionStore.INSTANCE.getSessionId(context, false).orElseThrow();
    assertNotEquals(before, after);
    assertEquals(session.getId(), after);
  }

  @Test
  void withoutASessionRenewalCreatesOneAsPac4jDoes() {
    FakeRequest request = FakeRequest.get("/callback");

    assertTrue(IdChangingSessionStore.INSTANCE.renewSession(context(request)));

    assertNotNull(request.session());
    assertEquals(List.of(), request.session().previousIds());
  }

  @Test
  void theIdListenersFollowTheRenewal() {
    InMemorySessionDirectory directory = new InMemorySessionDirectory();
    HeldSessions held = new HeldSessions();
    LiveSessions live = new LiveSessions(directory, held);
    PendingSignIns pending = new PendingSignIns(1, held);
    FakeSession signingIn = FakeSession.existing();
    held.sessionCreated(new HttpSessionEvent(signingIn.asHttpSession()));
    pending.started(signingIn.asHttpSession());
    directory.register(signingIn.getId(), "alice", "sid-a");
    String before = signingIn.getId();
    FakeRequest request =
        FakeRequest.get("/callback").withSession(signingIn).notifying(held, live, pending);

    IdChangingSessionStore.INSTANCE.renewSession(context(request));

    assertEquals(Set.of(signingIn.getId()), directory.sessionsFor("alice", "sid-a"));
    assertEquals(0, pending.count(), "signed in, no longer pending");
    // A later sign-in flood must not evict the signed-in session as the "oldest pending" one.
    pending.started(FakeSession.existing().asHttpSession());
    pending.started(FakeSession.existing().asHttpSession());
    assertFalse(signingIn.isInvalidated());
    assertFalse(live.invalidate(before), "the old id names nothing");
    assertTrue(live.invalidate(signingIn.getId()));
    assertTrue(signingIn.isInvalidated());
  }

  @Test
  void theSignInConfigurationHandsThisStoreToPac4j() {
    LogtoSignIn signIn =
        TestSignIn.of(
            AppSettings.load(
                SettingsSource.of(
                    Map.of(
                        "LOGTO_ENDPOINT", "http://127.0.0.1:1",
                        "LOGTO_APP_ID", "app",
                        "LOGTO_APP_SECRET", "secret",
                        "APP_BASE_URL", "https://app.example.com"))));
    FakeRequest request = FakeRequest.get("/callback");

    assertSame(
        IdChangingSessionStore.INSTANCE,
        signIn
            .pac4jConfig()
            .getSessionStoreFactory()
            .newSessionStore(
                new JEEFrameworkParameters(
                    request.asServletRequest(), new FakeResponse().asServletResponse())));
  }
}
