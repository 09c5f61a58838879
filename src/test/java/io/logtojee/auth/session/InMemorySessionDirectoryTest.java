package io.logtojee.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Finding the local sessions a back-channel logout names (SES-05, SES-07). */
class InMemorySessionDirectoryTest {

  private final InMemorySessionDirectory directory = new InMemorySessionDirectory();

  @Test
  void aSidNamesTheSessionsOfThatLogtoSession() {
    directory.register("s1", "alice", "sid-a");
    directory.register("s2", "alice", "sid-b");
    directory.register("s3", "bob", "sid-c");

    assertEquals(Set.of("s1"), directory.sessionsFor("alice", "sid-a"));
    assertEquals(Set.of("s1"), directory.sessionsFor(null, "sid-a"));
    assertEquals(Set.of(), directory.sessionsFor("bob", "sid-a"), "sid and sub must agree");
  }

  @Test
  void aSubAloneNamesAllSessionsOfThatUser() {
    directory.register("s1", "alice", "sid-a");
    directory.register("s2", "alice", null);
    directory.register("s3", "bob", "sid-c");

    assertEquals(Set.of("s1", "s2"), directory.sessionsFor("alice", null));
    assertEquals(Set.of(), directory.sessionsFor(null, null));
  }

  @Test
  void aForgottenOrUnknownSessionIsNoLongerNamed() {
    directory.register("s1", "alice", "sid-a");

    directory.forget("s1");
    directory.forget("s1");
    directory.forget("never-registered");

    assertEquals(Set.of(), directory.sessionsFor("alice", "sid-a"));
    assertEquals(Set.of(), directory.sessionsFor("alice", null));
    assertEquals(0, directory.size());
  }

  @Test
  void registeringAgainReplacesAndRenamingFollowsTheNewId() {
    directory.register("s1", "alice", "sid-a");
    directory.register("s1", "alice", "sid-b");
    assertEquals(Set.of(), directory.sessionsFor(null, "sid-a"));

    directory.renamed("s1", "s1-new");
    directory.renamed("unknown", "whatever");

    assertEquals(Set.of("s1-new"), directory.sessionsFor("alice", "sid-b"));
    assertEquals(1, directory.size());
  }

  @Test
  void theIdChangeAtSignInComesBeforeTheRegistrationAndLaterChangesAreFollowed() {
    // changeSessionId() at the callback: the listener renames an id nobody registered yet.
    directory.renamed("pending", "signed-in");
    directory.register("signed-in", "alice", "sid-a");

    directory.renamed("signed-in", "renewed-again");

    assertEquals(Set.of("renewed-again"), directory.sessionsFor("alice", "sid-a"));
    assertEquals(Set.of("renewed-again"), directory.sessionsFor("alice", null));
    directory.forget("signed-in");
    assertEquals(1, directory.size(), "the old id no longer names the session");
    directory.forget("renewed-again");
    assertEquals(0, directory.size());
  }
}
