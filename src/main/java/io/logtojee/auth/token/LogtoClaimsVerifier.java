package io.logtojee.auth.token;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Nimbus's claims verifier with each refusal tagged by a {@link Reason}, plus the checks it lacks:
 * {@code iat} not in the future and, for tokens without {@code exp}, not older than a maximum age.
 * Nimbus's own checks run last as a safety net.
 */
final class LogtoClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

  /** A claims refusal with its reason, carried through Nimbus's processor. */
  static final class RejectedClaims extends BadJWTException {
    private static final long serialVersionUID = 1L;
    private final transient Reason reason;

    RejectedClaims(Reason reason) {
      super(reason.description());
      this.reason = reason;
    }

    Reason reason() {
      return reason;
    }
  }

  private final String issuer;
  private final Set<String> audiences;
  private final Set<String> required;
  private final Set<String> prohibited;
  private final Reason prohibitedReason;
  private final Duration skew;
  private final Duration maxAgeWithoutExpiry;
  private final Clock clock;

  /**
   * @param issuer the exact {@code iss}
   * @param audiences at least one must be in {@code aud}
   * @param required claims that must be present
   * @param prohibited claims that must be absent, refused with {@code prohibitedReason}
   * @param maxAgeWithoutExpiry when not null, a token without {@code exp} is refused once its
   *     {@code iat} is older than this (plus the skew)
   */
  LogtoClaimsVerifier(
      String issuer,
      Set<String> audiences,
      Set<String> required,
      Set<String> prohibited,
      Reason prohibitedReason,
      Duration skew,
      Duration maxAgeWithoutExpiry,
      Clock clock) {
    super(audiences, new JWTClaimsSet.Builder().issuer(issuer).build(), required, prohibited);
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.required = Set.copyOf(required);
    this.prohibited = Set.copyOf(prohibited);
    this.prohibitedReason = prohibitedReason;
    this.skew = skew;
    this.maxAgeWithoutExpiry = maxAgeWithoutExpiry;
    this.clock = clock;
    setMaxClockSkew((int) skew.toSeconds());
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
    if (!claims.getClaims().keySet().containsAll(required)) {
      throw new RejectedClaims(Reason.MISSING_CLAIM);
    }
    if (!Collections.disjoint(claims.getClaims().keySet(), prohibited)) {
      throw new RejectedClaims(prohibitedReason);
    }
    if (!issuer.equals(claims.getIssuer())) {
      throw new RejectedClaims(Reason.WRONG_ISSUER);
    }
    List<String> audience = claims.getAudience();
    if (audience == null || audience.stream().noneMatch(audiences::contains)) {
      throw new RejectedClaims(Reason.WRONG_AUDIENCE);
    }
    Reason timeRefusal =
        timeRefusal(
            clock.instant(),
            skew,
            maxAgeWithoutExpiry,
            instant(claims.getExpirationTime()),
            instant(claims.getNotBeforeTime()),
            instant(claims.getIssueTime()));
    if (timeRefusal != null) {
      throw new RejectedClaims(timeRefusal);
    }
    super.verify(claims, context);
  }

  /**
   * The checks that depend on the clock, on their own, so that a token verified earlier can be
   * judged again at a later instant by exactly the same rules: {@code exp} not past, {@code nbf}
   * and {@code iat} not in the future, all within {@code skew}; without {@code exp}, not older than
   * {@code maxAgeWithoutExpiry} when that is set.
   *
   * @return the reason to refuse the token at {@code now}, or null when its times are acceptable
   */
  static Reason timeRefusal(
      Instant now,
      Duration skew,
      Duration maxAgeWithoutExpiry,
      Instant expiry,
      Instant notBefore,
      Instant issuedAt) {
    if (expiry != null && !now.isBefore(expiry.plus(skew))) {
      return Reason.EXPIRED;
    }
    if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
      return Reason.NOT_YET_VALID;
    }
    if (issuedAt != null && now.plus(skew).isBefore(issuedAt)) {
      return Reason.ISSUED_IN_FUTURE;
    }
    if (expiry == null
        && maxAgeWithoutExpiry != null
        && issuedAt != null
        && !now.isBefore(issuedAt.plus(maxAgeWithoutExpiry).plus(skew))) {
      return Reason.TOO_OLD;
    }
    return null;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  @Override
  protected Date currentTime() {
    return Date.from(clock.instant());
  }
}
