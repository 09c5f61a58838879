package io.logtojee.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.exception.http.RedirectionAction;
import org.pac4j.core.logout.LogoutActionBuilder;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.core.util.HttpActionHelper;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * Ends the Logto session too. Logto ignores {@code post_logout_redirect_uri} unless {@code
 * id_token_hint} or {@code client_id} is present, so both are sent; the target is always the
 * registered post-sign-out URL, never a request parameter.
 */
final class LogtoEndSession implements LogoutActionBuilder {

  private final OidcConfiguration configuration;
  private final String postSignOutUrl;
  private final BooleanSupplier providerReady;

  LogtoEndSession(
      OidcConfiguration configuration, String postSignOutUrl, BooleanSupplier providerReady) {
    this.configuration = configuration;
    this.postSignOutUrl = postSignOutUrl;
    this.providerReady = providerReady;
  }

  @Override
  public Optional<RedirectionAction> getLogoutAction(
      CallContext ctx, UserProfile currentProfile, String targetUrl) {
    if (!(currentProfile instanceof OidcProfile profile) || !providerReady.getAsBoolean()) {
      return Optional.empty();
    }
    String endSession = configuration.findLogoutUrl();
    if (endSession == null) {
      return Optional.empty();
    }
    StringBuilder url = new StringBuilder(endSession).append(endSession.contains("?") ? '&' : '?');
    if (profile.getIdTokenString() != null) {
      url.append("id_token_hint=").append(encode(profile.getIdTokenString())).append('&');
    }
    url.append("client_id=")
        .append(encode(configuration.getClientId()))
        .append("&post_logout_redirect_uri=")
        .append(encode(postSignOutUrl));
    return Optional.of(HttpActionHelper.buildRedirectUrlAction(ctx.webContext(), url.toString()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
