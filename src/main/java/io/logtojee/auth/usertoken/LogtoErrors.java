package io.logtojee.auth.usertoken;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts Logto's error answers into the exceptions callers act on. The token endpoint and UserInfo
 * answer errors alike, and a caller must get the same exception for the same kind of failure
 * whichever of them refused: a fault on Logto's side or in this application's registration is a
 * {@link ProviderUnavailableException}, since the user can do nothing about it; any other refusal
 * is a {@link TokenRequestRefusedException} with its OAuth error code. {@code invalid_grant} is not
 * sorted here: only the token endpoint sends it, and it ends the session.
 */
final class LogtoErrors {

  // Under the facade's name, as before these classes were split out of it, so that logging
  // configured for UserTokens still covers these warnings.
  private static final Logger LOG = LoggerFactory.getLogger(UserTokens.class);

  private LogtoErrors() {}

  /** The exception for an error answer, with Logto's error object when it sent one. */
  static UserTokenException refusal(HTTPResponse answer, ErrorObject error) {
    String code = error == null ? null : error.getCode();
    if (answer.getStatusCode() >= 500
        || !isPlainCode(code)
        || OAuth2Error.INVALID_CLIENT.getCode().equals(code)
        || OAuth2Error.SERVER_ERROR.getCode().equals(code)
        || OAuth2Error.TEMPORARILY_UNAVAILABLE.getCode().equals(code)) {
      LOG.warn("Logto answered HTTP {} with error {}", answer.getStatusCode(), safe(code));
      return new ProviderUnavailableException(
          "Logto answered HTTP " + answer.getStatusCode() + " (" + safe(code) + ")", null);
    }
    return new TokenRequestRefusedException(code);
  }

  /**
   * The exception for an answer that could not be parsed. The parse error is not kept as the cause:
   * its message can quote the answer, and the answer can hold a token.
   */
  static ProviderUnavailableException unusable(String endpoint, HTTPResponse answer) {
    LOG.warn(
        "Logto's {} endpoint answered HTTP {} with an unusable body",
        endpoint,
        answer.getStatusCode());
    return new ProviderUnavailableException(
        "Logto's " + endpoint + " endpoint answered HTTP " + answer.getStatusCode() + " unusably",
        null);
  }

  /** Only a code of this shape is repeated in a log or message; anything else is Logto's text. */
  private static boolean isPlainCode(String code) {
    return code != null && code.matches("[a-z_]{1,64}");
  }

  private static String safe(String code) {
    return isPlainCode(code) ? code : "no error code";
  }
}
