package io.logtojee.auth;

import io.logtojee.auth.session.RevokedSessions;
import io.logtojee.config.SessionSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.pac4j.core.config.Config;
import org.pac4j.core.profile.ProfileManager;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.JEEFrameworkParameters;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * The application's only way to ask who is signed in through the browser session. It asks pac4j
 * whether the session is authenticated (a principal alone does not mean that) and enforces the
 * absolute session lifetime from the recorded sign-in time.
 */
public final class CurrentUser {

  private final Config config;
  private final Duration maxAge;
  private final RevokedSessions revoked;

  /**
   * @param signIn the pac4j set-up whose sessions this reads
   * @param sessions the absolute session lifetime
   * @param revoked the back-channel logouts every session is checked against
   */
  public CurrentUser(LogtoSignIn signIn, SessionSettings sessions, RevokedSessions revoked) {
    this.config = signIn.pac4jConfig();
    this.maxAge = sessions.maxAge();
    this.revoked = revoked;
  }

  /** The signed-in user of this request's session, if any. Never creates a session. */
  public Optional<SignedInUser> of(HttpServletRequest request, HttpServletResponse response) {
    return profile(request, response).map(CurrentUser::toUser);
  }

  /**
   * The pac4j profile of a signed-in session that is still valid, for code that needs the tokens
   * (never exposed to the browser). Never creates a session.
   */
  public Optional<OidcProfile> profile(HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    if (isTooOld(session)) {
      session.invalidate();
      return Optional.empty();
    }
    ProfileManager manager = manager(request, response);
    if (!manager.isAuthenticated()) {
      return Optional.empty();
    }
    Optional<OidcProfile> profile = manager.getProfile(OidcProfile.class);
    if (profile.isPresent() && isRevoked(session, profile.get())) {
      // Logto ended this session through a back-channel logout, possibly received by another node.
      session.invalidate();
      return Optional.empty();
    }
    return profile;
  }

  /** Stores a changed profile (a rotated refresh token, refreshed claims) back into the session. */
  public void update(
      HttpServletRequest request, HttpServletResponse response, OidcProfile profile) {
    manager(request, response).save(true, profile, false);
  }

  private ProfileManager manager(HttpServletRequest request, HttpServletResponse response) {
    var parameters = new JEEFrameworkParameters(request, response);
    var context = (JEEContext) config.getWebContextFactory().newContext(parameters);
    var sessionStore = config.getSessionStoreFactory().newSessionStore(parameters);
    ProfileManager manager = new ProfileManager(context, sessionStore);
    manager.setConfig(config);
    return manager;
  }

  /** Ends the session, for example when Logto says the user's grant is gone. */
  public void end(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyEnded) {
        // Nothing left to end.
      }
    }
  }

  private boolean isRevoked(HttpSession session, OidcProfile profile) {
    Object signedInAt = session.getAttribute(LogtoCallbackLogic.SIGNED_IN_AT);
    Instant at = signedInAt instanceof Long millis ? Instant.ofEpochMilli(millis) : Instant.EPOCH;
    Object sid = profile.getAttribute("sid");
    return revoked.isRevoked(profile.getId(), sid == null ? null : sid.toString(), at);
  }

  private boolean isTooOld(HttpSession session) {
    Object signedInAt = session.getAttribute(LogtoCallbackLogic.SIGNED_IN_AT);
    return signedInAt instanceof Long millis
        && Instant.ofEpochMilli(millis).plus(maxAge).isBefore(Instant.now());
  }

  static SignedInUser toUser(UserProfile profile) {
    return new SignedInUser(
        profile.getId(),
        text(profile.getAttribute("name")),
        text(profile.getAttribute("username")),
        text(profile.getAttribute("email")),
        profile.getAttribute("email_verified") instanceof Boolean verified ? verified : null,
        text(profile.getAttribute("picture")),
        texts(profile.getAttribute("roles")),
        texts(profile.getAttribute("organizations")));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static List<String> texts(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof Collection<?> values) {
      values.forEach(item -> result.add(String.valueOf(item)));
    } else if (value != null) {
      result.add(value.toString());
    }
    return result;
  }
}
