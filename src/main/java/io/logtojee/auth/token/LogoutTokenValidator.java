package io.logtojee.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import io.logtojee.config.LogtoSettings;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Validates a back-channel logout token as OIDC Back-Channel Logout 1.0 §2.6 requires: signature
 * with an allowed algorithm and Logto's keys, {@code iss} exact, {@code aud} containing our client
 * id, {@code iat} present and not in the future, {@code exp} not past when present, an {@code
 * events} object with the back-channel logout member holding a JSON object, {@code sid} or {@code
 * sub}, and no {@code nonce}.
 *
 * <p><b>{@code typ} must be {@code logout+jwt}</b>; a token without {@code typ} is refused, so an
 * ID token can never pass as a logout token. Logto's OIDC engine (its fork of node-oidc-provider,
 * {@code lib/models/id_token.js}, {@code issue({use: 'logout'})}, since upstream 7.11) always sets
 * it.
 *
 * <p>Logto's logout tokens carry no {@code exp}; such a token is refused once its {@code iat} is
 * older than the maximum age (5 minutes by default), so a captured token cannot be replayed
 * forever.
 *
 * <p>Thread-safe.
 */
public final class LogoutTokenValidator {

  /** The member of {@code events} that marks a back-channel logout. */
  public static final String BACKCHANNEL_LOGOUT_EVENT =
      "http://schemas.openid.net/event/backchannel-logout";

  /** How old a logout token without {@code exp} may be. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  private static final Set<JOSEObjectType> LOGOUT_TOKEN_TYPES =
      Set.of(new JOSEObjectType("logout+jwt"), new JOSEObjectType("application/logout+jwt"));

  private static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "aud", "iat", "jti", "events");

  private final LogtoJwtProcessor processor;

  /**
   * @param issuer Logto's issuer, {@code <endpoint>/oidc}
   * @param clientId this application's Logto app id
   * @param keys Logto's key set, shared with the other validators
   * @param clockSkew tolerance for {@code iat} and {@code exp}
   */
  public LogoutTokenValidator(
      String issuer, String clientId, JWKSource<SecurityContext> keys, Duration clockSkew) {
    this(issuer, clientId, keys, clockSkew, DEFAULT_MAX_AGE, Clock.systemUTC());
  }

  LogoutTokenValidator(
      String issuer,
      String clientId,
      JWKSource<SecurityContext> keys,
      Duration clockSkew,
      Duration maxAge,
      Clock clock) {
    this.processor =
        new LogtoJwtProcessor(
            keys,
            LOGOUT_TOKEN_TYPES,
            new LogtoClaimsVerifier(
                issuer,
                Set.of(clientId),
                REQUIRED_CLAIMS,
                Set.of("nonce"),
                Reason.NONCE_PRESENT,
                clockSkew,
                maxAge,
                clock));
  }

  /** A validator for the application in {@code settings}. */
  public static LogoutTokenValidator forTenant(
      LogtoSettings settings, JWKSource<SecurityContext> keys) {
    return new LogoutTokenValidator(
        settings.issuer(), settings.appId(), keys, settings.clockSkew());
  }

  /**
   * Validates the {@code logout_token} form parameter.
   *
   * @throws InvalidTokenException with the reason; the endpoint answers 400 and ends no session
   */
  public LogoutRequest validate(String logoutToken) throws InvalidTokenException {
    JWTClaimsSet claims = processor.process(logoutToken);
    try {
      if (!isBackChannelLogoutEvent(claims.getJSONObjectClaim("events"))) {
        throw new InvalidTokenException(Reason.NOT_A_LOGOUT_EVENT);
      }
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.NOT_A_LOGOUT_EVENT, e);
    }
    String sub;
    String sid;
    try {
      sub = emptyToNull(claims.getSubject());
      sid = emptyToNull(claims.getStringClaim("sid"));
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.MALFORMED, e);
    }
    if (sub == null && sid == null) {
      throw new InvalidTokenException(Reason.NO_SUBJECT_OR_SESSION);
    }
    return new LogoutRequest(sub, sid, claims.getIssueTime().toInstant(), claims.getJWTID());
  }

  private static boolean isBackChannelLogoutEvent(Map<String, Object> events) {
    return events != null && events.get(BACKCHANNEL_LOGOUT_EVENT) instanceof Map;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
