package io.logtojee.auth;

import io.logtojee.auth.session.SessionDirectory;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.pac4j.core.config.Config;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.engine.DefaultCallbackLogic;
import org.pac4j.core.exception.http.HttpAction;
import org.pac4j.core.http.adapter.HttpActionAdapter;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.exceptions.OidcMissingSessionStateException;
import org.pac4j.oidc.exceptions.OidcMissingStateParameterException;
import org.pac4j.oidc.exceptions.OidcStateMismatchException;
import org.pac4j.oidc.exceptions.OidcTokenException;
import org.pac4j.oidc.profile.OidcProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pac4j's callback with the project's compensations: the profile is kept only if it carries an ID
 * token validated in this flow; state, nonce and PKCE verifier are removed after use, so a replayed
 * callback cannot redeem anything (pac4j keeps them and even copies them into the renewed session);
 * the login time is recorded for the absolute session lifetime; and failures become a {@link
 * SignInFailure} for the web layer instead of an exception page.
 */
final class LogtoCallbackLogic extends DefaultCallbackLogic {

  private static final Logger LOG = LoggerFactory.getLogger(LogtoCallbackLogic.class);

  private static final Pattern SERVER_ERROR_STATUS = Pattern.compile("status=5[0-9][0-9]");

  /** When the session signed in, in milliseconds of this application's clock. */
  static final String SIGNED_IN_AT = LogtoCallbackLogic.class.getName() + ".signedInAtMillis";

  private final OidcClient client;
  private final Duration idleTimeout;
  private final SessionDirectory sessions;

  LogtoCallbackLogic(OidcClient client, Duration idleTimeout, SessionDirectory sessions) {
    this.client = client;
    this.idleTimeout = idleTimeout;
    this.sessions = sessions;
  }

  @Override
  protected void saveUserProfile(
      CallContext ctx,
      Config config,
      UserProfile profile,
      boolean saveProfileInSession,
      boolean multiProfile,
      boolean renewSession) {
    if (!(profile instanceof OidcProfile oidcProfile) || oidcProfile.getIdTokenString() == null) {
      throw new IllegalStateException("The callback produced no profile with a validated ID token");
    }
    super.saveUserProfile(ctx, config, profile, saveProfileInSession, false, renewSession);
    forgetPendingAuthorization(ctx);
    WebContext webContext = ctx.webContext();
    ctx.sessionStore().set(webContext, SIGNED_IN_AT, Instant.now().toEpochMilli());
    if (webContext instanceof JEEContext jee) {
      HttpSession session = jee.getNativeRequest().getSession();
      session.setMaxInactiveInterval((int) idleTimeout.toSeconds());
      // So that a back-channel logout for this user or Logto session ends it at once.
      Object sid = oidcProfile.getAttribute("sid");
      sessions.register(session.getId(), oidcProfile.getId(), sid == null ? null : sid.toString());
    }
  }

  private void forgetPendingAuthorization(CallContext ctx) {
    WebContext webContext = ctx.webContext();
    ctx.sessionStore().set(webContext, client.getStateSessionAttributeName(), null);
    ctx.sessionStore().set(webContext, client.getNonceSessionAttributeName(), null);
    ctx.sessionStore().set(webContext, client.getCodeVerifierSessionAttributeName(), null);
  }

  private void forgetPendingAuthorization(WebContext context) {
    if (context instanceof JEEContext jee) {
      HttpSession session = jee.getNativeRequest().getSession(false);
      if (session != null) {
        try {
          session.removeAttribute(client.getStateSessionAttributeName());
          session.removeAttribute(client.getNonceSessionAttributeName());
          session.removeAttribute(client.getCodeVerifierSessionAttributeName());
        } catch (IllegalStateException alreadyEnded) {
          // Nothing left to forget.
        }
      }
    }
  }

  @Override
  protected Object handleException(
      Exception e, HttpActionAdapter httpActionAdapter, WebContext context) {
    if (e instanceof HttpAction) {
      return super.handleException(e, httpActionAdapter, context);
    }
    SignInFailure failure = classify(e);
    // A failed attempt is over: without its state, verifier and nonce, reloading the error page
    // cannot send the same code to Logto again. A callback whose state is not the session's belongs
    // to another attempt (an older tab): the session's own attempt must stay redeemable.
    if (failure != SignInFailure.SESSION_EXPIRED) {
      forgetPendingAuthorization(context);
    }
    LOG.warn("Sign-in callback failed: {} ({})", failure.code(), summary(e));
    context.setRequestAttribute(SignInFailure.REQUEST_ATTRIBUTE, failure);
    return null;
  }

  static SignInFailure classify(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OidcStateMismatchException
          || cause instanceof OidcMissingStateParameterException
          || cause instanceof OidcMissingSessionStateException) {
        return SignInFailure.SESSION_EXPIRED;
      }
      if (cause instanceof IOException) {
        return SignInFailure.PROVIDER_UNAVAILABLE;
      }
      // pac4j reports an error answer of the token endpoint only through its message.
      if (cause instanceof OidcTokenException
          && cause.getMessage() != null
          && SERVER_ERROR_STATUS.matcher(cause.getMessage()).find()) {
        return SignInFailure.PROVIDER_UNAVAILABLE;
      }
    }
    return SignInFailure.REJECTED;
  }

  private static String summary(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return text.toString();
  }
}
