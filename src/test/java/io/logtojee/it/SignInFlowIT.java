package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.op.RecordedRequest;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser sign-in and sign-out flow against the deployed WAR, hop by hop: RP-01, RP-14 to
 * RP-17, SES-01 to SES-04, SES-08, SES-09, SES-12, SES-13. Runs on Tomcat 11, Tomcat 10.1 and
 * WildFly 39.
 */
@ExtendWith(ArquillianExtension.class)
class SignInFlowIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SESSION_COOKIE = "__Host-JSESSIONID";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  private final CookieClient browser = new CookieClient();
  private TestOpenIdProvider logto;

  @BeforeEach
  void freshProvider() {
    logto = Doubles.freshLogto();
  }

  private String appHost() {
    URI base = URI.create(Servers.appBase());
    return base.getHost() + ":" + base.getPort();
  }

  @Test
  void signInRedirectsToLogtoWithStateNonceAndPkceS256() {
    SignIn signIn = SignIn.begin(browser, "/sign-in");

    Map<String, String> query = CookieClient.query(signIn.authorize());
    assertEquals("code", query.get("response_type"));
    assertEquals(Doubles.APP_ID, query.get("client_id"));
    assertEquals(Servers.appBase() + "/callback", query.get("redirect_uri"));
    assertEquals(
        List.of(
            "openid",
            "profile",
            "email",
            "offline_access",
            "roles",
            "urn:logto:scope:organizations"),
        List.of(query.get("scope").split(" ")),
        "Logto's sign-in scopes plus LOGTO_SCOPES of the test deployment");
    assertEquals("consent", query.get("prompt"));
    assertEquals(
        "https://api.example.test,urn:logto:resource:organizations",
        query.get("resource"),
        "API resources and Logto's organizations resource, comma-joined as Logto accepts");
    assertEquals("S256", query.get("code_challenge_method"));
    assertEquals(43, query.get("code_challenge").length());
    assertTrue(query.get("state").length() >= 20, "state has entropy");
    assertTrue(query.get("nonce").length() >= 20, "nonce has entropy");
    assertTrue(
        query.get("response_mode") == null || query.get("response_mode").equals("query"),
        "SES-09: query response mode, so a SameSite=Lax cookie survives a slow sign-in");
  }

  @Test
  void fullFlowSignsInRenewsTheSessionAndShowsVerifiedClaims() throws Exception {
    SignIn signIn = SignIn.begin(browser, "/sign-in");
    String preLoginSession = browser.cookie(appHost(), SESSION_COOKIE);
    assertNotNull(preLoginSession, "the pending sign-in lives in a session");

    HttpResponse<String> done = signIn.finish(browser);

    assertEquals(302, done.statusCode(), done.body());
    assertEquals(Servers.appBase() + "/", CookieClient.location(done).toString());
    String session = browser.cookie(appHost(), SESSION_COOKIE);
    assertNotEquals(preLoginSession, session, "SES-01: new session id after sign-in");

    JsonNode me = browser.me();
    assertTrue(me.path("authenticated").asBoolean());
    assertEquals("demouser0001", me.path("sub").asText());
    assertEquals("Demo User", me.path("name").asText());
    assertEquals("demo", me.path("username").asText());
    assertEquals("demo@example.test", me.path("email").asText());
    assertTrue(me.path("email_verified").asBoolean());
    assertEquals("https://example.test/avatar/demo.png", me.path("picture").asText());
    assertEquals("user", me.path("roles").get(0).asText());
    assertEquals("demoorg00001", me.path("organizations").get(0).asText());

    RecordedRequest token = logto.requests("/oidc/token").get(0);
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (Doubles.APP_ID + ":" + Doubles.APP_SECRET).getBytes(StandardCharsets.UTF_8));
    assertEquals(basic, token.header("Authorization"), "client_secret_basic");
    assertNull(token.formParam("client_secret"), "the secret travels only in the header");
    assertNotNull(token.formParam("code_verifier"), "PKCE verifier sent");
    RecordedRequest userInfo = logto.requests("/oidc/me").get(0);
    assertTrue(userInfo.header("Authorization").startsWith("Bearer "));
    assertNull(userInfo.queryParam("access_token"), "the access token never goes in the URL");

    CookieClient stranger = new CookieClient();
    stranger.setCookie(appHost(), SESSION_COOKIE, preLoginSession);
    assertFalse(stranger.signedIn(), "SES-01: the old id does not authenticate");
  }

  @Test
  void sessionCookieHasHostPrefixSecureHttpOnlyLaxAndNoDomain() {
    HttpResponse<String> start = browser.get(Servers.app("/sign-in"));

    String cookie =
        start.headers().allValues("Set-Cookie").stream()
            .filter(header -> header.startsWith(SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + start.headers()));
    String lower = cookie.toLowerCase();
    assertTrue(lower.contains("; secure"), cookie);
    assertTrue(lower.contains("; httponly"), cookie);
    assertTrue(lower.contains("samesite=lax"), cookie);
    assertTrue(lower.contains("path=/;") || lower.endsWith("path=/"), cookie);
    assertFalse(lower.contains("domain="), cookie);
  }

  @Test
  void signOutDestroysTheSessionAndEndsTheLogtoSession() throws Exception {
    SignIn.complete(browser, "/sign-in");
    String signedInSession = browser.cookie(appHost(), SESSION_COOKIE);

    HttpResponse<String> signOut = browser.get(Servers.app("/sign-out"));

    assertEquals(302, signOut.statusCode());
    URI endSession = CookieClient.location(signOut);
    assertTrue(
        endSession.toString().startsWith(logto.issuer() + "/session/end?"), endSession.toString());
    Map<String, String> query = CookieClient.query(endSession);
    assertNotNull(query.get("id_token_hint"));
    assertEquals(Doubles.APP_ID, query.get("client_id"));
    assertEquals(Servers.appBase() + "/", query.get("post_logout_redirect_uri"));

    HttpResponse<String> back = browser.get(endSession);
    assertEquals(302, back.statusCode());
    assertTrue(
        CookieClient.location(back).toString().startsWith(Servers.appBase() + "/"),
        "Logto returns the user to the home page");
    assertFalse(browser.signedIn());

    CookieClient replay = new CookieClient();
    replay.setCookie(appHost(), SESSION_COOKIE, signedInSession);
    assertFalse(replay.signedIn(), "SES-03: the old cookie is signed out");
    replay.get(Servers.app("/sign-in"));
    assertNotEquals(
        signedInSession,
        replay.cookie(appHost(), SESSION_COOKIE),
        "SES-03: the old session itself is gone, so a new one had to be made");
  }

  @Test
  void signOutWhenSignedOutGoesHome() {
    HttpResponse<String> signOut = browser.get(Servers.app("/sign-out?url=https://evil.test/"));

    assertEquals(302, signOut.statusCode());
    assertEquals(Servers.appBase() + "/", CookieClient.location(signOut).toString());
  }

  @Test
  void signUpAndExtraParametersReachLogto() {
    Map<String, String> signUp =
        CookieClient.query(
            SignIn.begin(browser, "/sign-up?login_hint=new%40example.test").authorize());
    assertEquals("register", signUp.get("first_screen"));
    assertEquals("new@example.test", signUp.get("login_hint"));

    Map<String, String> identifier =
        CookieClient.query(
            SignIn.begin(
                    browser,
                    "/sign-in?first_screen=identifier:sign_in&identifier=email%20phone"
                        + "&direct_sign_in=social:google&organization_id=org1")
                .authorize());
    assertEquals("identifier:sign_in", identifier.get("first_screen"));
    assertEquals("email phone", identifier.get("identifier"));
    assertEquals("social:google", identifier.get("direct_sign_in"));
    assertEquals("org1", identifier.get("organization_id"));
  }

  @Test
  void signInWithValueOutsideLogtosEnumAnswers400WithoutContactingLogto() throws Exception {
    HttpResponse<String> response =
        browser.get(Servers.app("/sign-in?first_screen=identifier:sign-in"));

    assertEquals(400, response.statusCode());
    JsonNode error = JSON.readTree(response.body());
    assertEquals("invalid_parameter", error.path("code").asText());
    assertEquals("first_screen", error.path("details").path("parameter").asText());
    assertEquals(0, logto.count("/oidc/auth"));
  }

  @Test
  void signInReturnsToTheSamePathItStartedFrom() {
    HttpResponse<String> done =
        SignIn.complete(browser, "/sign-in?returnTo=" + encode("/index.html?tab=profile"));

    assertEquals(
        Servers.appBase() + "/index.html?tab=profile", CookieClient.location(done).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/\\evil.test",
        "/%5Cevil.test",
        "/%09/evil.test",
        "//evil.test",
        "///evil.test",
        "https://evil.test"
      })
  void signInNeutralisesReturnTargetsOutsideTheApp(String target) {
    HttpResponse<String> done = SignIn.complete(browser, "/sign-in?returnTo=" + encode(target));

    assertEquals(Servers.appBase() + "/", CookieClient.location(done).toString(), "SES-04");
  }

  @Test
  void forwardedHeadersFromTheClientChangeNoUrl() {
    HttpResponse<String> start =
        browser.get(
            Servers.app("/sign-in"),
            Map.of(
                "X-Forwarded-Host",
                "evil.test",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Port",
                "443"));

    Map<String, String> query = CookieClient.query(CookieClient.location(start));
    assertEquals(Servers.appBase() + "/callback", query.get("redirect_uri"), "SES-12");
  }

  @Test
  void callbackWithWrongOrMissingStateShowsAnErrorPageWithoutRedeemingTheCode() throws Exception {
    SignIn signIn = SignIn.begin(browser, "/sign-in");
    Map<String, String> callback = CookieClient.query(signIn.callback());

    String iss = "&iss=" + encode(logto.issuer());
    HttpResponse<String> wrong =
        browser.get(Servers.app("/callback?code=" + callback.get("code") + "&state=forged" + iss));
    HttpResponse<String> missing =
        browser.get(Servers.app("/callback?code=" + callback.get("code") + iss));

    assertEquals(400, wrong.statusCode());
    assertEquals("sign_in_expired", JSON.readTree(wrong.body()).path("code").asText());
    assertEquals(400, missing.statusCode());
    assertEquals(0, logto.count("/oidc/token"), "RP-14: no token call");
  }

  @Test
  void callbackWithProviderErrorShowsAPageAndNoLoop() throws Exception {
    logto.enable(Scenario.AUTHZ_ERROR);
    SignIn signIn = SignIn.begin(browser, "/sign-in");

    HttpResponse<String> page =
        browser.get(signIn.callback(), Map.of("Accept", "text/html,application/xhtml+xml"));

    assertEquals(400, page.statusCode());
    assertTrue(page.body().contains("Sign in again"), "a way forward, not a redirect loop");
    assertEquals(0, logto.count("/oidc/token"));
  }

  @Test
  void replayedCallbackIsRefusedWithoutASecondTokenCall() throws Exception {
    SignIn signIn = SignIn.begin(browser, "/sign-in");
    assertEquals(302, signIn.finish(browser).statusCode());

    HttpResponse<String> replay = signIn.finish(browser);

    assertEquals(400, replay.statusCode(), "RP-15");
    assertEquals("sign_in_expired", JSON.readTree(replay.body()).path("code").asText());
    assertEquals(1, logto.count("/oidc/token"));
    assertTrue(browser.signedIn(), "the first sign-in still stands");
  }

  @Test
  void callbackRefusesTokensInsteadOfACode() throws Exception {
    SignIn signIn = SignIn.begin(browser, "/sign-in");
    String state = CookieClient.query(signIn.callback()).get("state");
    String foreignToken =
        logto.mintAccessToken("other-client", "https://api.example.test", "read", Map.of());
    String idToken = logto.mintIdToken("other-client", Map.of());

    for (String parameter : List.of("access_token=" + foreignToken, "id_token=" + idToken)) {
      HttpResponse<String> get =
          browser.get(Servers.app("/callback?state=" + state + "&" + parameter));
      HttpResponse<String> post =
          browser.postForm(Servers.app("/callback"), "state=" + state + "&" + parameter);
      assertEquals(400, get.statusCode(), "RP-16 by GET: " + parameter);
      assertEquals(400, post.statusCode(), "RP-16 by POST: " + parameter);
    }
    assertFalse(browser.signedIn(), "no profile was created");
  }

  @Test
  void callbackRefusesFrontChannelAndGetLogoutForms() {
    SignIn.complete(browser, "/sign-in");
    assertEquals(
        400,
        browser.get(Servers.app("/callback?sid=abc&iss=" + encode(logto.issuer()))).statusCode(),
        "SES-13: sid-only request");
    assertEquals(
        400,
        browser
            .get(
                Servers.app(
                    "/callback?logout_token="
                        + logto.mintLogoutToken(Doubles.APP_ID, "u", "s", Map.of())))
            .statusCode(),
        "SES-13: logout_token by GET");
    assertTrue(browser.signedIn(), "SES-13: the signed-in session is spared");
  }

  @Test
  void callbackFromAnotherIssuerIsRefused() throws Exception {
    logto.enable(Scenario.ISS_PARAM);
    SignIn signIn = SignIn.begin(browser, "/sign-in");

    HttpResponse<String> response = signIn.finish(browser);

    assertEquals(400, response.statusCode(), "RP-17 iss parameter");
    assertEquals(0, logto.count("/oidc/token"));
  }

  @Test
  void twoTabsTheOlderOneGetsSignInAgainTheNewerOneSucceeds() throws Exception {
    SignIn tabA = SignIn.begin(browser, "/sign-in");
    SignIn tabB = SignIn.begin(browser, "/sign-in");

    HttpResponse<String> finishedA = browser.get(tabA.callback(), Map.of("Accept", "text/html"));
    assertEquals(400, finishedA.statusCode(), "SES-08: tab A is told to sign in again");
    assertTrue(finishedA.body().contains("Sign in again"));

    HttpResponse<String> finishedB = tabB.finish(browser);
    assertEquals(302, finishedB.statusCode(), "tab B succeeds");
    assertTrue(browser.signedIn());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
