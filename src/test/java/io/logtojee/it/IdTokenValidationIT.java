package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ID-token validation of the deployed WAR against a misbehaving Logto: RP-02 to RP-13. Each
 * rejected sign-in must end on an error page, create no profile and, where the token itself is bad,
 * never reach Logto's UserInfo endpoint. Key rotation runs last because it changes the keys the
 * application has cached.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdTokenValidationIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Deployed while Logto's discovery lists HS256 too (the application reads discovery as it
   * starts), so the HS256 rows below meet the algorithm pin itself, not a discovery document that
   * never offered HMAC (RP-08).
   */
  @Deployment(testable = false)
  static WebArchive war() {
    Doubles.freshLogto().enable(Scenario.DISCOVERY_HS256);
    return Deployments.builtWar();
  }

  private final CookieClient browser = new CookieClient();
  private TestOpenIdProvider logto;

  @BeforeEach
  void freshProvider() {
    logto = Doubles.freshLogto();
  }

  private void assertRejected(HttpResponse<String> callback, String row) throws Exception {
    assertEquals(401, callback.statusCode(), row + ": " + callback.body());
    assertEquals("sign_in_rejected", JSON.readTree(callback.body()).path("code").asText());
    assertFalse(browser.signedIn(), row + ": no profile");
  }

  @Test
  @Order(1)
  void baselineSignInIsAccepted() throws Exception {
    assertEquals(302, SignIn.begin(browser, "/sign-in").finish(browser).statusCode());
    assertTrue(browser.signedIn());
  }

  @ParameterizedTest
  @Order(2)
  @EnumSource(
      value = Scenario.class,
      names = {
        "ISS_PLUS_1",
        "AUD_PLUS_1",
        "DROP_AUD",
        "AUD_ARRAY",
        "DROP_SUB",
        "DROP_IAT",
        "CORRUPT_SIG",
        "ZERO_SIG",
        "ALG_NONE",
        "HS256_SECRET",
        "HS256_PUBKEY",
        "NONCE_PLUS_1",
        "DROP_NONCE"
      })
  void badIdTokenIsRejectedBeforeUserInfo(Scenario scenario) throws Exception {
    logto.enable(scenario);

    HttpResponse<String> callback = SignIn.begin(browser, "/sign-in").finish(browser);

    assertRejected(callback, scenario.name());
    assertEquals(0, logto.count("/oidc/me"), scenario + ": no UserInfo call");
  }

  @Test
  @Order(2)
  void reloadingARejectedCallbackNeverSendsTheCodeAgain() throws Exception {
    logto.enable(Scenario.CORRUPT_SIG);
    SignIn signIn = SignIn.begin(browser, "/sign-in");
    assertRejected(signIn.finish(browser), "rejected");
    assertEquals(1, logto.count("/oidc/token"));

    HttpResponse<String> reload = signIn.finish(browser);

    assertEquals(400, reload.statusCode(), reload.body());
    assertEquals("sign_in_expired", JSON.readTree(reload.body()).path("code").asText());
    assertEquals(1, logto.count("/oidc/token"), "the failed attempt's state is gone");
  }

  @Test
  @Order(3)
  void severalAudiencesAreAcceptedOnlyWithAzp() throws Exception {
    logto.enable(Scenario.AUD_ARRAY_AZP);

    assertEquals(302, SignIn.begin(browser, "/sign-in").finish(browser).statusCode(), "RP-04");
    assertTrue(browser.signedIn());
  }

  @Test
  @Order(4)
  void userInfoForAnotherSubjectFailsTheSignIn() throws Exception {
    logto.enable(Scenario.USERINFO_SUB);

    assertRejected(SignIn.begin(browser, "/sign-in").finish(browser), "RP-13");
  }

  @Test
  @Order(5)
  void clockSkewWithinSixtySecondsIsAcceptedBeyondIsRejected() throws Exception {
    assertSkew(Duration.ofSeconds(20), Duration.ZERO, 302, "iat 20 s ahead");
    assertSkew(Duration.ofSeconds(120), Duration.ZERO, 401, "iat 120 s ahead");
    assertSkew(Duration.ZERO, Duration.ofSeconds(-20), 302, "exp 20 s ago");
    assertSkew(Duration.ZERO, Duration.ofSeconds(-120), 401, "exp 120 s ago");
  }

  private void assertSkew(Duration iat, Duration exp, int expectedStatus, String row) {
    logto.setClockOffsets(iat, exp);
    CookieClient client = new CookieClient();
    HttpResponse<String> callback = SignIn.begin(client, "/sign-in").finish(client);
    assertEquals(expectedStatus, callback.statusCode(), "RP-10 " + row + ": " + callback.body());
  }

  @Test
  @Order(6)
  void tokenWithoutKidIsAcceptedWithASingleKey() throws Exception {
    logto.enable(Scenario.NO_KID);

    assertEquals(302, SignIn.begin(browser, "/sign-in").finish(browser).statusCode(), "RP-11");
  }

  @Test
  @Order(7)
  void immediateRotationWithAnUnknownKeyTypeInTheJwksRefetchesOnceAndSucceeds() throws Exception {
    logto.enable(Scenario.JWKS_JUNK);
    String oldKid = logto.currentKeyId();
    logto.rotateKey(false);
    assertNotEquals(oldKid, logto.currentKeyId());

    HttpResponse<String> callback = SignIn.begin(browser, "/sign-in").finish(browser);

    assertEquals(
        302, callback.statusCode(), "RP-11 junk key ignored, RP-12 rotation: " + callback.body());
    assertEquals(1, logto.count("/oidc/jwks"), "one JWKS refetch for the new kid");
  }

  @Test
  @Order(8)
  void twoKeysWithoutKidNeverCauseAServerError() {
    logto.enable(Scenario.JWKS_2KEYS, Scenario.NO_KID);
    logto.rotateKey(false);

    HttpResponse<String> callback = SignIn.begin(browser, "/sign-in").finish(browser);

    assertTrue(
        callback.statusCode() == 302 || callback.statusCode() == 401,
        "RP-11 two keys: accept or reject, never 500 (" + callback.statusCode() + ")");
  }
}
