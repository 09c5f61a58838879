package io.logtojee.auth;

import java.util.Optional;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.engine.savedrequest.SavedRequestHandler;
import org.pac4j.core.exception.http.HttpAction;
import org.pac4j.core.util.HttpActionHelper;

/**
 * Sends the user back to where sign-in started. pac4j's default handler saves the full request URL,
 * which it builds from the {@code Host} header; here only a validated same-origin path is kept
 * (stored by the sign-in filter) and the absolute URL is built from {@code APP_BASE_URL}.
 */
final class ReturnToHandler implements SavedRequestHandler {

  static final String SESSION_ATTRIBUTE = ReturnToHandler.class.getName();

  private final String appBaseUrl;

  ReturnToHandler(String appBaseUrl) {
    this.appBaseUrl = appBaseUrl;
  }

  @Override
  public void save(CallContext ctx) {
    // The sign-in filter already stored the validated return path.
  }

  @Override
  public HttpAction restore(CallContext ctx, String defaultUrl) {
    Optional<Object> saved = ctx.sessionStore().get(ctx.webContext(), SESSION_ATTRIBUTE);
    ctx.sessionStore().set(ctx.webContext(), SESSION_ATTRIBUTE, null);
    String path = saved.map(Object::toString).orElse("/");
    return HttpActionHelper.buildRedirectUrlAction(ctx.webContext(), appBaseUrl + path);
  }
}
