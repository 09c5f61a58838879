package io.logtojee.auth.token;

import static io.logtojee.auth.TestTenant.API;
import static io.logtojee.auth.TestTenant.CLIENT_ID;
import static io.logtojee.auth.TestTenant.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logtojee.auth.TestTenant;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import io.logtojee.testsupport.op.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Back-channel logout tokens (OIDC Back-Channel Logout 1.0 §2.6): SES-05 and SES-06. */
class LogoutTokenValidatorTest {

  private static final String SUB = "demouser0001";
  private static final String SID = "op-session-1";

  private TestTenant tenant;
  private LogoutTokenValidator validator;

  @BeforeEach
  void start() {
    tenant = TestTenant.start();
    validator = LogoutTokenValidator.forTenant(tenant.settings, tenant.keys);
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private String logoutToken(Map<String, Object> overrides, Scenario... scenarios) {
    return tenant.op.mintLogoutToken(CLIENT_ID, SUB, SID, overrides, scenarios);
  }

  private void assertRejected(Reason expected, String token) {
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> validator.validate(token));
    assertEquals(expected, e.reason(), () -> "expected " + expected + " but got " + e.reason());
  }

  private static long epoch(Duration fromNow) {
    return Instant.now().plus(fromNow).getEpochSecond();
  }

  // ------------------------------------------------------------------ accepted (SES-05)

  @Test
  void aValidLogoutTokenNamesSubjectAndSession() throws Exception {
    LogoutRequest request = validator.validate(logoutToken(Map.of()));

    assertEquals(SUB, request.sub());
    assertEquals(SID, request.sid());
    assertFalse(request.jti().isBlank());
    assertFalse(request.issuedAt().isAfter(Instant.now()));
  }

  @Test
  void aSessionOnlyOrSubjectOnlyTokenIsAccepted() throws Exception {
    LogoutRequest sessionOnly =
        validator.validate(tenant.op.mintLogoutToken(CLIENT_ID, null, SID, Map.of()));
    LogoutRequest subjectOnly =
        validator.validate(tenant.op.mintLogoutToken(CLIENT_ID, SUB, null, Map.of()));

    assertNull(sessionOnly.sub());
    assertEquals(SID, sessionOnly.sid());
    assertEquals(SUB, subjectOnly.sub());
    assertNull(subjectOnly.sid());
  }

  @Test
  void logtosShapeWithoutExpiryIsAcceptedWhileFresh() throws Exception {
    // Logto's engine sets iat and jti but no exp on logout tokens.
    validator.validate(logoutToken(claims("exp", null)));
    validator.validate(logoutToken(claims("exp", null, "iat", epoch(Duration.ofMinutes(-4)))));
  }

  @Test
  void extraEventsAndTheFullMediaTypeAreAccepted() throws Exception {
    validator.validate(
        logoutToken(
            claims(
                "events",
                Map.of(
                    LogoutTokenValidator.BACKCHANNEL_LOGOUT_EVENT,
                    Map.of(),
                    "https://example.test/other-event",
                    Map.of("x", 1)))));
    validator.validate(logoutToken(claims("header.typ", "application/logout+jwt")));
    validator.validate(logoutToken(claims("aud", List.of("other-client", CLIENT_ID))));
  }

  // ------------------------------------------------------------------ SES-06

  @Test
  void ses06AlgNoneIsRefused() {
    assertRejected(Reason.UNSIGNED, logoutToken(Map.of(), Scenario.ALG_NONE));
  }

  @Test
  void ses06WrongAlgorithmIsRefused() {
    assertRejected(Reason.ALGORITHM_NOT_ALLOWED, logoutToken(Map.of(), Scenario.HS256_SECRET));
    assertRejected(Reason.ALGORITHM_NOT_ALLOWED, logoutToken(Map.of(), Scenario.HS256_PUBKEY));
  }

  @Test
  void ses06WrongSignatureIsRefused() {
    assertRejected(Reason.BAD_SIGNATURE, logoutToken(Map.of(), Scenario.CORRUPT_SIG));
    assertRejected(Reason.BAD_SIGNATURE, logoutToken(Map.of(), Scenario.ZERO_SIG));
  }

  @Test
  void ses06WrongAudienceIsRefused() {
    assertRejected(Reason.WRONG_AUDIENCE, logoutToken(Map.of(), Scenario.AUD_PLUS_1));
    assertRejected(
        Reason.WRONG_AUDIENCE, tenant.op.mintLogoutToken("other-client", SUB, SID, Map.of()));
  }

  @Test
  void ses06WrongIssuerIsRefused() {
    assertRejected(Reason.WRONG_ISSUER, logoutToken(Map.of(), Scenario.ISS_PLUS_1));
  }

  @Test
  void ses06MissingEventsIsRefused() {
    assertRejected(Reason.MISSING_CLAIM, logoutToken(claims("events", null)));
  }

  @Test
  void ses06WrongEventsAreRefused() {
    assertRejected(Reason.NOT_A_LOGOUT_EVENT, logoutToken(claims("events", Map.of())));
    assertRejected(
        Reason.NOT_A_LOGOUT_EVENT,
        logoutToken(claims("events", Map.of("http://schemas.openid.net/event/other", Map.of()))));
    assertRejected(
        Reason.NOT_A_LOGOUT_EVENT,
        logoutToken(
            claims("events", Map.of(LogoutTokenValidator.BACKCHANNEL_LOGOUT_EVENT, "yes"))));
    assertRejected(Reason.NOT_A_LOGOUT_EVENT, logoutToken(claims("events", "backchannel-logout")));
  }

  @Test
  void ses06ANonceIsRefused() {
    assertRejected(Reason.NONCE_PRESENT, logoutToken(claims("nonce", "n-0S6_WzA2Mj")));
  }

  @Test
  void ses06AnotherTypOrNoTypIsRefused() {
    assertRejected(Reason.WRONG_TYPE, logoutToken(claims("header.typ", "JWT")));
    assertRejected(Reason.WRONG_TYPE, logoutToken(claims("header.typ", "at+jwt")));
    assertRejected(Reason.WRONG_TYPE, logoutToken(claims("header.typ", null)));
  }

  @Test
  void ses06AnExpiredTokenIsRefused() {
    assertRejected(Reason.EXPIRED, logoutToken(claims("exp", epoch(Duration.ofSeconds(-120)))));
  }

  @Test
  void aTokenWithoutExpiryIsRefusedOnceTooOld() {
    assertRejected(
        Reason.TOO_OLD, logoutToken(claims("exp", null, "iat", epoch(Duration.ofMinutes(-10)))));
  }

  @Test
  void issuedAtMustBePresentAndNotInTheFuture() {
    assertRejected(Reason.MISSING_CLAIM, logoutToken(claims("iat", null)));
    assertRejected(
        Reason.ISSUED_IN_FUTURE, logoutToken(claims("iat", epoch(Duration.ofSeconds(120)))));
  }

  @Test
  void aTokenNamingNeitherSubjectNorSessionIsRefused() {
    assertRejected(
        Reason.NO_SUBJECT_OR_SESSION, tenant.op.mintLogoutToken(CLIENT_ID, null, null, Map.of()));
    assertRejected(Reason.NO_SUBJECT_OR_SESSION, logoutToken(claims("sub", "", "sid", "")));
  }

  @Test
  void idAndAccessTokensAreNotLogoutTokens() {
    assertRejected(Reason.WRONG_TYPE, tenant.op.mintIdToken(CLIENT_ID, Map.of()));
    assertRejected(
        Reason.WRONG_TYPE, tenant.op.mintAccessToken(CLIENT_ID, API, "read:things", Map.of()));
  }

  @Test
  void garbageIsRefused() {
    assertRejected(Reason.MALFORMED, null);
    assertRejected(Reason.MALFORMED, "logout");
  }
}
