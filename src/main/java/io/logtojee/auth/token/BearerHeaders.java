package io.logtojee.auth.token;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The RFC 6750 header texts: reading the token from {@code Authorization} and writing the {@code
 * WWW-Authenticate} challenges. Pure string work, so the HTTP edge stays thin.
 */
public final class BearerHeaders {

  /** RFC 6750 §2.1 b64token. */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private BearerHeaders() {}

  /**
   * The token of an {@code Authorization: Bearer <token>} header (scheme in any case), or empty
   * when the header is absent, uses another scheme or is not a single b64token.
   */
  public static Optional<String> tokenOf(String authorization) {
    // regionMatches is false for a header shorter than "Bearer ", so no length check is needed.
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).strip();
    return B64TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
  }

  /** The challenge for a request without credentials (RFC 6750 §3.1: no error code). */
  public static String missingTokenChallenge() {
    return "Bearer";
  }

  /** {@code Bearer error="invalid_token", error_description="<fixed text>"}. */
  public static String invalidTokenChallenge(InvalidTokenException.Reason reason) {
    return "Bearer error=\"invalid_token\", error_description=\"" + reason.description() + "\"";
  }

  /**
   * {@code Bearer error="insufficient_scope", scope="<required scopes>"}; the scopes come from the
   * REST layer, which only admits RFC 6749 scope tokens.
   */
  public static String insufficientScopeChallenge(Collection<String> requiredScopes) {
    return "Bearer error=\"insufficient_scope\", error_description=\"The token lacks a required"
        + " scope\", scope=\""
        + String.join(" ", requiredScopes)
        + "\"";
  }
}
