package io.logtojee.auth.session;

import java.util.Set;

/**
 * Maps local session ids to the Logto user ({@code sub}) and Logto session ({@code sid}) they
 * signed in with, so a back-channel logout can find them. It stores ids only; ending the sessions
 * is the caller's job. Implementations are thread-safe; one shared by several nodes returns the ids
 * of every node, and each node ends the ones it holds.
 */
public interface SessionDirectory {

  /**
   * Records a signed-in session; registering an id again replaces its entry.
   *
   * @param sessionId the local session id (after the id change at sign-in)
   * @param sub the Logto user id
   * @param sid the Logto session id from the ID token, or null when Logto sent none
   */
  void register(String sessionId, String sub, String sid);

  /**
   * The sessions a logout names: with a {@code sid}, the sessions of that Logto session (and of
   * {@code sub} when it is given too); with only a {@code sub}, every session of that user.
   */
  Set<String> sessionsFor(String sub, String sid);

  /** Drops a session that ended or was invalidated; unknown ids are ignored. */
  void forget(String sessionId);

  /** Follows a session id change (for example {@code HttpServletRequest.changeSessionId()}). */
  void renamed(String oldSessionId, String newSessionId);
}
