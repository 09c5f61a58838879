package io.logtojee.testsupport.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.logtojee.testsupport.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test OP's sign-in experience under {@link Scenario#EMAIL_SIGN_IN}, driven through its HTML
 * forms like a browser without JavaScript, against a stand-in for the project's sender that records
 * the HTTP email connector's requests.
 */
class SignInExperienceTest {
  private static final String CLIENT = "web-app";
  private static final String SECRET = "web-secret-0123456789-0123456789-abcdef";
  private static final String REDIRECT = "http://localhost:8080/callback";
  private static final String AUTH = "Bearer sender-token-0123456789";
  private static final Pattern ERROR_CODE =
      Pattern.compile("id=\"error\"[^>]*data-code=\"([^\"]+)\"");

  private final ConcurrentLinkedDeque<Map<String, Object>> sent = new ConcurrentLinkedDeque<>();
  private volatile int senderStatus = 200;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));
  private HttpServer sender;
  private TestOpenIdProvider op;
  private HttpClient browser;

  @BeforeEach
  void start() throws IOException {
    sender = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    sender.createContext(
        "/api/mail/send",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            sent.add(Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = "{\"envId\":\"1\",\"requestId\":\"r\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(senderStatus, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    sender.start();
    op = TestOpenIdProvider.start(0);
    op.registerClient(CLIENT, SECRET, java.util.Set.of(REDIRECT), java.util.Set.of());
    op.configureHttpEmailConnector(
        URI.create("http://127.0.0.1:" + sender.getAddress().getPort() + "/api/mail/send"), AUTH);
    op.setPasscodeClock(clock);
    op.enable(Scenario.EMAIL_SIGN_IN);
    browser = newBrowser();
  }

  @AfterEach
  void stop() {
    op.close();
    sender.stop(0);
  }

  // ---------------------------------------------------------------- the happy paths

  @Test
  void signUpWithANewAddressSendsARegisterCodeInTheRequestedLocaleAndSignsTheNewUserIn()
      throws Exception {
    HttpResponse<String> start = authorize("first_screen", "register", "ui_locales", "de en");
    assertEquals(303, start.statusCode());
    assertEquals("/register", location(start));
    HttpResponse<String> page = get("/register");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Create account"), page.body());

    HttpResponse<String> codeSent = post("/register", "email", " New.User@Example.test ");
    assertEquals(303, codeSent.statusCode(), codeSent.body());
    assertEquals("/verification-code", location(codeSent));
    Map<String, Object> request = sent.getLast();
    assertEquals("New.User@Example.test", request.get("to"));
    assertEquals("Register", request.get("type"));
    assertEquals("127.0.0.1", request.get("ip"), "Logto passes the end user's address on");
    Map<String, Object> payload = payload(request);
    assertEquals("de", payload.get("locale"), "payload.locale is ui_locales' first tag");
    assertEquals("de en", payload.get("uiLocales"));
    assertFalse(payload.containsKey("user"), "the experience has no user yet");
    assertTrue(get("/verification-code").body().contains("New.User@Example.test"));

    HttpResponse<String> done = post("/verification-code", "code", lastCode());

    JWTClaimsSet idToken = signedInAs(done);
    assertEquals("New.User@Example.test", idToken.getStringClaim("email"));
    assertTrue(op.registeredEmails().contains("new.user@example.test"));
    assertEquals(
        1, sent.size(), "one mail for the whole sign-up: nothing else was sent on the way");
  }

  @Test
  void signInWithAnExistingAddressSendsASignInCodeAndSignsThatUserIn() throws Exception {
    TestUser member = op.registerEmailUser("member@example.test");
    authorize();
    post("/sign-in", "email", "member@example.test");
    Map<String, Object> request = sent.getLast();
    assertEquals("SignIn", request.get("type"));
    assertEquals("en", payload(request).get("locale"), "the fallback language");
    assertFalse(payload(request).containsKey("uiLocales"), "only with ui_locales");

    JWTClaimsSet idToken = signedInAs(post("/verification-code", "code", lastCode()));

    assertEquals(member.sub(), idToken.getSubject());
  }

  @Test
  void browserLanguageIsTheLocaleWithoutUiLocales() throws Exception {
    authorize();
    HttpResponse<String> codeSent =
        send(
            form("/sign-in", "email", "lang@example.test")
                .header("Accept-Language", "fr;q=0.5, de-CH, en;q=0.8"));
    assertEquals(303, codeSent.statusCode(), codeSent.body());
    assertEquals("de-CH", payload(sent.getLast()).get("locale"));
  }

  @Test
  void theConfiguredUserCanStillSignInWithoutAPassword() throws Exception {
    authorize();
    HttpResponse<String> page = get("/sign-in");
    Matcher link =
        Pattern.compile("id=\"continue-without-password\" href=\"([^\"]+)\"").matcher(page.body());
    assertTrue(link.find(), page.body());
    assertTrue(page.body().contains("Demo User"), page.body());

    HttpResponse<String> done =
        browser.send(
            HttpRequest.newBuilder(URI.create(link.group(1).replace("&amp;", "&"))).build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(TestUser.demo().sub(), signedInAs(done).getSubject());
    assertTrue(sent.isEmpty());
  }

  @Test
  void aLiveSessionIsReusedWithoutThePages() throws Exception {
    authorize("first_screen", "register");
    post("/register", "email", "again@example.test");
    String sub = signedInAs(post("/verification-code", "code", lastCode())).getSubject();

    HttpResponse<String> second = authorize();

    assertEquals(302, second.statusCode(), second.body());
    assertTrue(location(second).startsWith(REDIRECT + "?"), location(second));
    assertEquals(sub, signedInAs(second).getSubject());
  }

  // ---------------------------------------------------------------- Logto's refusals

  @Test
  void aWrongCodeIsRefusedAsCodeMismatchAndTheRightOneStillWorks() throws Exception {
    authorize();
    op.registerEmailUser("wrong@example.test");
    post("/sign-in", "email", "wrong@example.test");

    HttpResponse<String> refused = post("/verification-code", "code", wrong(lastCode()));

    assertEquals(400, refused.statusCode());
    assertEquals(VerifyResult.CODE_MISMATCH, errorCode(refused));
    assertTrue(refused.body().contains("Invalid verification code."), refused.body());
    signedInAs(post("/verification-code", "code", lastCode()));
  }

  @Test
  void aCodeOlderThanTenMinutesIsRefusedAsExpired() throws Exception {
    authorize("first_screen", "register");
    post("/register", "email", "late@example.test");
    clock.advance(Duration.ofSeconds(601));

    HttpResponse<String> refused = post("/verification-code", "code", lastCode());

    assertEquals(400, refused.statusCode());
    assertEquals(VerifyResult.EXPIRED, errorCode(refused));
    assertFalse(op.registeredEmails().contains("late@example.test"));
  }

  @Test
  void theEleventhTryIsRefusedEvenWithTheRightCode() throws Exception {
    authorize("first_screen", "register");
    post("/register", "email", "tries@example.test");
    String code = lastCode();
    for (int i = 1; i <= 10; i++) {
      assertEquals(
          VerifyResult.CODE_MISMATCH,
          errorCode(post("/verification-code", "code", wrong(code))),
          "try " + i);
    }

    HttpResponse<String> eleventh = post("/verification-code", "code", code);

    assertEquals(VerifyResult.EXCEED_MAX_TRY, errorCode(eleventh));
    assertTrue(eleventh.body().contains("retries limitation exceeded"), eleventh.body());
  }

  @Test
  void aResentCodeReplacesTheOldOne() throws Exception {
    authorize("first_screen", "register");
    post("/register", "email", "resend@example.test");
    String first = lastCode();
    post("/register", "email", "resend@example.test");
    String second = lastCode();

    if (!first.equals(second)) {
      assertEquals(
          VerifyResult.CODE_MISMATCH, errorCode(post("/verification-code", "code", first)));
    }
    signedInAs(post("/verification-code", "code", second));
  }

  @Test
  void aSenderFailureIsShownAsConnectorGeneral() throws Exception {
    senderStatus = 503;
    authorize();

    HttpResponse<String> refused = post("/sign-in", "email", "down@example.test");

    assertEquals(400, refused.statusCode());
    assertEquals(PasscodeResult.CONNECTOR_GENERAL, errorCode(refused));
    assertTrue(refused.body().contains("Error occurred in connector:"), refused.body());
    assertTrue(refused.body().contains("value=\"down@example.test\""), "the address stays");
  }

  @Test
  void registeringATakenAddressOrSigningInWithAnUnknownOneIsRefusedAfterTheCode() throws Exception {
    op.registerEmailUser("taken@example.test");
    authorize("first_screen", "register");
    post("/register", "email", "taken@example.test");
    assertEquals(
        LogtoPhrases.EMAIL_ALREADY_IN_USE,
        errorCode(post("/verification-code", "code", lastCode())));

    post("/sign-in", "email", "nobody@example.test");
    HttpResponse<String> unknown = post("/verification-code", "code", lastCode());
    assertEquals(LogtoPhrases.USER_NOT_EXIST, errorCode(unknown));
    assertTrue(unknown.body().contains("User with nobody@example.test does not exist."));
  }

  @Test
  void anInvalidAddressIsRefusedWithoutSending() throws Exception {
    authorize();

    HttpResponse<String> refused = post("/sign-in", "email", "a@b.example,c@d.example x");

    assertEquals(400, refused.statusCode());
    assertEquals(LogtoPhrases.INVALID_EMAIL, errorCode(refused));
    assertTrue(sent.isEmpty());
  }

  @Test
  void withoutAnInteractionThePagesShowInteractionNotFound() throws Exception {
    HttpResponse<String> page = get("/sign-in");

    assertEquals(400, page.statusCode());
    assertEquals(LogtoPhrases.INTERACTION_NOT_FOUND, errorCode(page));
  }

  @Test
  void requestValuesAreEscapedOnThePages() throws Exception {
    authorize("login_hint", "\"><script>alert(1)</script>");

    String page = get("/sign-in").body();

    assertFalse(page.contains("<script>"), page);
    assertTrue(page.contains("&quot;&gt;&lt;script&gt;"), page);
  }

  @Test
  void withoutTheScenarioTheConfiguredUserIsSignedInAtOnce() throws Exception {
    op.disable(Scenario.EMAIL_SIGN_IN);

    HttpResponse<String> response = authorize();

    assertEquals(302, response.statusCode());
    assertEquals(TestUser.demo().sub(), signedInAs(response).getSubject());
  }

  // ---------------------------------------------------------------- helpers

  private static HttpClient newBrowser() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Starts an authorization request as the relying party would, with extra parameters. */
  private HttpResponse<String> authorize(String... extra) throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("client_id", CLIENT);
    params.put("redirect_uri", REDIRECT);
    params.put("response_type", "code");
    params.put("scope", "openid profile email");
    params.put("state", "state-1");
    params.put("nonce", "nonce-1");
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    return get("/oidc/auth?" + OpHttp.appendQuery("", params).substring(1));
  }

  /** Asserts the answer sends the browser back to the client and returns the ID token's claims. */
  private JWTClaimsSet signedInAs(HttpResponse<String> answer) throws Exception {
    assertEquals(302, answer.statusCode(), answer.body());
    URI callback = URI.create(location(answer));
    assertTrue(callback.toString().startsWith(REDIRECT + "?"), callback.toString());
    Map<String, List<String>> params = OpHttp.parseParams(callback.getRawQuery());
    assertEquals(List.of("state-1"), params.get("state"));
    String code = params.get("code").get(0);
    HttpResponse<String> tokens =
        browser.send(
            HttpRequest.newBuilder(URI.create(op.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        OpHttp.appendQuery(
                                "",
                                Map.of(
                                    "grant_type", "authorization_code",
                                    "code", code,
                                    "redirect_uri", REDIRECT,
                                    "client_id", CLIENT,
                                    "client_secret", SECRET))
                            .substring(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, tokens.statusCode(), tokens.body());
    Object idToken = Json.readObject(tokens.body()).get("id_token");
    assertNotNull(idToken, tokens.body());
    JWTClaimsSet claims = SignedJWT.parse(idToken.toString()).getJWTClaimsSet();
    assertEquals("nonce-1", claims.getStringClaim("nonce"));
    return claims;
  }

  private String lastCode() {
    return payload(sent.getLast()).get("code").toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> payload(Map<String, Object> request) {
    return (Map<String, Object>) request.get("payload");
  }

  private static String wrong(String code) {
    return code.equals("000000") ? "111111" : "000000";
  }

  private static String errorCode(HttpResponse<String> page) {
    Matcher matcher = ERROR_CODE.matcher(page.body());
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(op.endpoint() + path)));
  }

  private HttpResponse<String> post(String path, String... pairs) throws Exception {
    return send(form(path, pairs));
  }

  private HttpRequest.Builder form(String path, String... pairs) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.put(pairs[i], pairs[i + 1]);
    }
    return HttpRequest.newBuilder(URI.create(op.endpoint() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(OpHttp.appendQuery("", params).substring(1)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
