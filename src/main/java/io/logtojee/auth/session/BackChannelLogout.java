package io.logtojee.auth.session;

import io.logtojee.auth.token.InvalidTokenException;
import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.auth.token.LogoutTokenValidator;
import io.logtojee.auth.token.TokenError;
import io.logtojee.error.CodedException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * OpenID Connect back-channel logout: validates Logto's logout token, records the logout where
 * every node consults it, and ends the local sessions it names.
 */
public final class BackChannelLogout {

  private static final Logger LOG = Logger.getLogger(BackChannelLogout.class.getName());

  private final LogoutTokenValidator validator;
  private final RevokedSessions revokedSessions;
  private final SessionDirectory directory;
  private final LiveSessions liveSessions;

  public BackChannelLogout(
      LogoutTokenValidator validator,
      RevokedSessions revokedSessions,
      SessionDirectory directory,
      LiveSessions liveSessions) {
    this.validator = validator;
    this.revokedSessions = revokedSessions;
    this.directory = directory;
    this.liveSessions = liveSessions;
  }

  /**
   * Carries out one logout.
   *
   * @return how many sessions this node ended
   * @throws CodedException {@link TokenError#INVALID_LOGOUT_TOKEN} when the token is refused
   */
  public int logout(String logoutToken) {
    LogoutRequest logout;
    try {
      logout = validator.validate(logoutToken);
    } catch (InvalidTokenException e) {
      LOG.warning("Back-channel logout refused: " + e.reason().code());
      throw new CodedException(TokenError.INVALID_LOGOUT_TOKEN, e.reason().description());
    }
    revokedSessions.revoke(logout);
    Set<String> sessions = directory.sessionsFor(logout.sub(), logout.sid());
    int ended = 0;
    for (String sessionId : sessions) {
      if (liveSessions.invalidate(sessionId)) {
        ended++;
      }
    }
    LOG.info("Back-channel logout ended " + ended + " local session(s)");
    return ended;
  }
}
