package io.logtojee.auth.session;

import io.logtojee.auth.token.InvalidTokenException;
import io.logtojee.auth.token.LogoutRequest;
import io.logtojee.auth.token.LogoutTokenValidator;
import io.logtojee.auth.token.TokenError;
import io.logtojee.error.CodedException;
import io.logtojee.state.StateStoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
  private final Clock clock;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile Instant lastAcceptedAt;
  private volatile int lastEndedSessions;
  private volatile Instant lastRefusedAt;

  /**
   * What this node received, so an operator can see that logouts arrive at all: a Logto that cannot
   * reach the application (its SSRF protection refuses private addresses) fails silently.
   *
   * @param accepted valid logouts received since start
   * @param refused invalid logout tokens received since start
   * @param lastAcceptedAt when the last valid logout arrived, if any
   * @param lastEndedSessions how many sessions of this node the last valid logout ended
   * @param lastRefusedAt when the last invalid logout token arrived, if any
   */
  public record Received(
      long accepted,
      long refused,
      Optional<Instant> lastAcceptedAt,
      int lastEndedSessions,
      Optional<Instant> lastRefusedAt) {}

  public BackChannelLogout(
      LogoutTokenValidator validator,
      RevokedSessions revokedSessions,
      SessionDirectory directory,
      LiveSessions liveSessions,
      Clock clock) {
    this.clock = clock;
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
   * @throws StateStoreUnavailableException when the logout could not be recorded where every node
   *     reads it; this node's sessions of it are ended all the same, but Logto must hear that the
   *     logout failed
   */
  public int logout(String logoutToken) {
    LogoutRequest logout;
    try {
      logout = validator.validate(logoutToken);
    } catch (InvalidTokenException e) {
      refused.incrementAndGet();
      lastRefusedAt = clock.instant();
      LOG.warning("Back-channel logout refused: " + e.reason().code());
      throw new CodedException(TokenError.INVALID_LOGOUT_TOKEN, e.reason().description());
    }
    StateStoreUnavailableException notRecorded = null;
    try {
      revokedSessions.revoke(logout);
    } catch (StateStoreUnavailableException e) {
      notRecorded = e;
    }
    Set<String> sessions = directory.sessionsFor(logout.sub(), logout.sid());
    int ended = 0;
    for (String sessionId : sessions) {
      if (liveSessions.invalidate(sessionId)) {
        ended++;
      }
    }
    if (notRecorded != null) {
      LOG.warning(
          "Back-channel logout ended "
              + ended
              + " local session(s) but could not be recorded for the other nodes; not acknowledged");
      throw notRecorded;
    }
    LOG.info("Back-channel logout ended " + ended + " local session(s)");
    lastEndedSessions = ended;
    lastAcceptedAt = clock.instant();
    accepted.incrementAndGet();
    return ended;
  }

  /** What this node has received since it started. */
  public Received received() {
    return new Received(
        accepted.get(),
        refused.get(),
        Optional.ofNullable(lastAcceptedAt),
        lastEndedSessions,
        Optional.ofNullable(lastRefusedAt));
  }
}
