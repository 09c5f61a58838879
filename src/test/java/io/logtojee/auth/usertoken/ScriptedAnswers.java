package io.logtojee.auth.usertoken;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.time.Instant;
import java.util.Set;

/**
 * Answers and results written out by hand, for tests that need what the test OP does not do:
 * rotated refresh tokens, malformed answers, odd error codes.
 */
final class ScriptedAnswers {

  private ScriptedAnswers() {}

  /** An answer with a JSON body. */
  static HTTPResponse json(int status, String body) {
    HTTPResponse response = new HTTPResponse(status);
    response.setHeader("Content-Type", "application/json");
    response.setBody(body);
    return response;
  }

  /** A successful token answer with a one-hour Bearer token. */
  static HTTPResponse token(String accessToken) {
    return json(
        200,
        "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  }

  /** A result as the token endpoint client gives it. */
  static AccessTokenResult result(
      String accessToken, TokenTarget target, Instant expiresAt, String rotatedRefreshToken) {
    return new AccessTokenResult(
        new BearerAccessToken(accessToken),
        target,
        expiresAt,
        Set.of(),
        rotatedRefreshToken == null ? null : new RefreshToken(rotatedRefreshToken));
  }
}
