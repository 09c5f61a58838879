package io.logtojee.auth.session;

import io.logtojee.auth.token.LogoutRequest;
import java.time.Instant;

/**
 * The back-channel logouts received, so that every node can refuse a session Logto has ended even
 * when the logout reached another node. Implementations are thread-safe.
 */
public interface RevokedSessions {

  /**
   * Records a logout, as arrived now. With a {@code sid}, that Logto session is revoked; with only
   * a {@code sub}, every session of the user that signed in before the logout arrived.
   *
   * @throws io.logtojee.state.StateStoreUnavailableException when a shared store cannot record it;
   *     the logout must then not be acknowledged
   */
  void revoke(LogoutRequest logout);

  /**
   * Whether a session must end because of a recorded logout. Never throws: it runs on every
   * request, and each implementation says what it answers when its store cannot be reached.
   *
   * @param sub the session's Logto user id
   * @param sid the session's Logto session id, or null
   * @param signedInAt when the session signed in, by this application's clock
   */
  boolean isRevoked(String sub, String sid, Instant signedInAt);
}
