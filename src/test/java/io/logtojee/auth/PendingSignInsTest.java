package io.logtojee.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logtojee.testsupport.servlet.FakeSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bound on sign-ins started but not finished (SES-11), kept by session id. */
class PendingSignInsTest {

  private final List<String> ended = new ArrayList<>();
  private final PendingSignIns pending =
      new PendingSignIns(
          2,
          id -> {
            ended.add(id);
            return true;
          });

  @Test
  void beyondTheLimitTheOldestPendingSignInIsEndedById() {
    FakeSession first = FakeSession.existing();
    FakeSession second = FakeSession.existing();
    FakeSession third = FakeSession.existing();

    pending.started(first.asHttpSession());
    pending.started(second.asHttpSession());
    assertEquals(List.of(), ended);
    pending.started(third.asHttpSession());

    assertEquals(List.of(first.getId()), ended);
    assertEquals(2, pending.count());
  }

  @Test
  void aRestartedSignInBecomesTheNewest() {
    FakeSession first = FakeSession.existing();
    FakeSession second = FakeSession.existing();
    pending.started(first.asHttpSession());
    pending.started(second.asHttpSession());

    pending.started(first.asHttpSession());
    pending.started(FakeSession.existing().asHttpSession());

    assertEquals(List.of(second.getId()), ended);
  }

  @Test
  void endedAndCompletedSignInsNoLongerCount() {
    FakeSession abandoned = FakeSession.existing();
    FakeSession completed = FakeSession.existing();
    pending.started(abandoned.asHttpSession());
    pending.started(completed.asHttpSession());
    String idBeforeSignIn = completed.getId();

    pending.sessionDestroyed(new HttpSessionEvent(abandoned.asHttpSession()));
    pending.sessionIdChanged(new HttpSessionEvent(completed.asHttpSession()), idBeforeSignIn);

    assertEquals(0, pending.count());
    pending.started(FakeSession.existing().asHttpSession());
    pending.started(FakeSession.existing().asHttpSession());
    assertEquals(List.of(), ended, "nothing over the limit");
  }
}
