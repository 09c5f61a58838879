package io.logtojee.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The claims verifier on a fixed clock, for what the token tests cannot pin: the configured skew
 * reaching Nimbus's own checks, and those checks running after ours.
 */
class LogtoClaimsVerifierTest {

  private static final String ISSUER = "https://tenant.example.test/oidc";
  private static final String AUDIENCE = "https://api.example.test";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static LogtoClaimsVerifier verifier(Duration skew) {
    return new LogtoClaimsVerifier(
        ISSUER,
        Set.of(AUDIENCE),
        Set.of("iss", "aud"),
        Set.of("nonce"),
        Reason.NONCE_PRESENT,
        skew,
        null,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("user");
  }

  private static Date at(Duration fromNow) {
    return Date.from(NOW.plus(fromNow));
  }

  @Test
  void aSkewWiderThanNimbusDefaultReachesNimbusChecksToo() throws Exception {
    // Nimbus alone allows 60 s; with 120 s configured, a token expired 90 s ago still passes both.
    verifier(Duration.ofSeconds(120))
        .verify(claims().expirationTime(at(Duration.ofSeconds(-90))).build(), null);
    verifier(Duration.ofSeconds(120))
        .verify(claims().notBeforeTime(at(Duration.ofSeconds(90))).build(), null);
  }

  @Test
  void aSkewNarrowerThanNimbusDefaultIsNotWidenedByIt() {
    LogtoClaimsVerifier verifier = verifier(Duration.ZERO);

    assertEquals(
        Reason.EXPIRED, reasonOf(verifier, claims().expirationTime(at(Duration.ofSeconds(-30)))));
  }

  @Test
  void nimbusOwnChecksRunAfterOursOnTheConfiguredClock() {
    // The one case where the two disagree, at the edge: ours lets nbf == now + skew pass, Nimbus
    // wants nbf - skew strictly before now. Its refusal shows that its checks still run, on our
    // clock (the fixed instant, not the machine's time).
    BadJWTException e =
        assertThrows(
            BadJWTException.class,
            () ->
                verifier(Duration.ofSeconds(60))
                    .verify(claims().notBeforeTime(at(Duration.ofSeconds(60))).build(), null));
    assertFalse(e instanceof LogtoClaimsVerifier.RejectedClaims, e.getMessage());
  }

  @Test
  void eachRefusalCarriesItsReason() {
    LogtoClaimsVerifier verifier = verifier(Duration.ofSeconds(60));

    assertEquals(
        Reason.MISSING_CLAIM, reasonOf(verifier, new JWTClaimsSet.Builder().issuer(ISSUER)));
    assertEquals(Reason.NONCE_PRESENT, reasonOf(verifier, claims().claim("nonce", "n")));
    assertEquals(Reason.WRONG_ISSUER, reasonOf(verifier, claims().issuer(ISSUER + "/")));
    assertEquals(Reason.WRONG_AUDIENCE, reasonOf(verifier, claims().audience("other")));
    assertEquals(
        Reason.ISSUED_IN_FUTURE,
        reasonOf(verifier, claims().issueTime(at(Duration.ofSeconds(61)))));
  }

  private static Reason reasonOf(LogtoClaimsVerifier verifier, JWTClaimsSet.Builder claims) {
    BadJWTException e =
        assertThrows(BadJWTException.class, () -> verifier.verify(claims.build(), null));
    return assertInstanceOf(LogtoClaimsVerifier.RejectedClaims.class, e).reason();
  }
}
