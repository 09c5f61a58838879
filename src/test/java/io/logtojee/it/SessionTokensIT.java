package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens kept on the server for signed-in users and back-channel logout from Logto, on the deployed
 * WAR: refresh, resource and organization tokens, a grant that is gone, SES-05 to SES-07. Runs on
 * Tomcat 11 and WildFly.
 */
@ExtendWith(ArquillianExtension.class)
class SessionTokensIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  private final CookieClient browser = new CookieClient();
  private TestOpenIdProvider logto;

  @BeforeEach
  void signIn() {
    logto = Doubles.freshLogto();
    SignIn.complete(browser, "/sign-in");
  }

  private String sid() {
    List<String> sessions = logto.sessionIds("demouser0001");
    return sessions.get(sessions.size() - 1);
  }

  private HttpResponse<String> backChannel(String logoutToken) {
    return new CookieClient()
        .postForm(
            Servers.app("/api/backchannel-logout"),
            "logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8));
  }

  @Test
  void signedInUserSeesTheClaimsOfResourceAndOrganizationTokensButNeverTheTokens()
      throws Exception {
    HttpResponse<String> first = browser.get(Servers.app("/api/me/tokens"));
    long tokenCalls = logto.count("/oidc/token");
    HttpResponse<String> again = browser.get(Servers.app("/api/me/tokens"));
    long tokenCallsAfterAgain = logto.count("/oidc/token");
    HttpResponse<String> organization =
        browser.get(Servers.app("/api/me/tokens?organization=demoorg00001"));

    assertEquals(200, first.statusCode(), first.body());
    JsonNode body = JSON.readTree(first.body());
    assertEquals("demouser0001", body.path("idToken").path("sub").asText());
    assertTrue(body.path("refreshTokenKept").asBoolean());
    JsonNode resource = body.path("accessTokens").path(BearerApiIT.RESOURCE);
    assertTrue(resource.path("aud").toString().contains(BearerApiIT.RESOURCE), resource.toString());
    assertEquals(tokenCalls, tokenCallsAfterAgain, "cached until 60 s before expiry");
    assertEquals(200, again.statusCode());
    assertEquals(200, organization.statusCode(), organization.body());
    assertTrue(
        JSON.readTree(organization.body())
            .path("accessTokens")
            .path("urn:logto:organization:demoorg00001")
            .path("aud")
            .toString()
            .contains("urn:logto:organization:demoorg00001"));
    for (HttpResponse<String> response : List.of(first, again, organization)) {
      assertFalse(response.body().contains("eyJ"), "no token in the answer");
    }
    assertEquals(
        400,
        browser
            .get(Servers.app("/api/me/tokens?resource=https://other.example.test"))
            .statusCode());
  }

  @Test
  void userInfoIsRefreshedIntoTheSession() throws Exception {
    logto.setUser(
        new io.logtojee.testsupport.op.TestUser(
            "demouser0001",
            "Renamed User",
            "demo",
            "demo@example.test",
            true,
            null,
            List.of("user"),
            List.of("demoorg00001")));

    HttpResponse<String> response = browser.get(Servers.app("/api/me/tokens?userinfo=true"));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "Renamed User", JSON.readTree(response.body()).path("userInfo").path("name").asText());
    assertEquals(
        "Renamed User",
        browser.me().path("name").asText(),
        "the session now shows the fresh claims");
  }

  @Test
  void grantThatIsGoneEndsTheSessionCleanly() throws Exception {
    logto.revokeGrants("demouser0001");

    HttpResponse<String> response =
        browser.get(Servers.app("/api/me/tokens?organization=demoorg00001"));

    assertEquals(401, response.statusCode(), response.body());
    assertEquals("session_ended", JSON.readTree(response.body()).path("code").asText());
    assertFalse(browser.signedIn(), "the next /api/me says signed out");
  }

  @Test
  void validLogoutTokenEndsTheSession() throws Exception {
    String browserSid = sid();
    CookieClient admin = SignIn.adminBrowser(logto);
    HttpResponse<String> response =
        backChannel(logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", browserSid, Map.of()));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    JsonNode received = SignIn.adminHealth(admin).path("backChannelLogout");
    assertEquals(
        1,
        received.path("lastEndedSessions").asInt(),
        "SES-05: the session was ended at once, not at its next request: " + received);
    assertTrue(received.has("lastAcceptedAt"), "13: an admin sees when the last logout arrived");
    assertFalse(browser.signedIn(), "SES-05");
    assertTrue(admin.signedIn(), "another user's session is untouched");
  }

  @Test
  void invalidLogoutTokensAre400AndEndNothing() throws Exception {
    String sid = sid();
    long now = Instant.now().getEpochSecond();
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put(
        "alg none",
        logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, Map.of(), Scenario.ALG_NONE));
    rows.put(
        "HS256",
        logto.mintLogoutToken(
            Doubles.APP_ID, "demouser0001", sid, Map.of(), Scenario.HS256_SECRET));
    rows.put("wrong aud", logto.mintLogoutToken("other-app", "demouser0001", sid, Map.of()));
    rows.put(
        "wrong iss",
        logto.mintLogoutToken(
            Doubles.APP_ID, "demouser0001", sid, Map.of("iss", logto.issuer() + "1")));
    rows.put(
        "no events",
        logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, nullValue("events")));
    rows.put(
        "wrong event",
        logto.mintLogoutToken(
            Doubles.APP_ID, "demouser0001", sid, Map.of("events", Map.of("urn:other", Map.of()))));
    rows.put(
        "nonce", logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, Map.of("nonce", "n")));
    rows.put(
        "other typ",
        logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, Map.of("header.typ", "JWT")));
    rows.put(
        "no typ",
        logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, nullValue("header.typ")));
    rows.put(
        "expired",
        logto.mintLogoutToken(
            Doubles.APP_ID, "demouser0001", sid, Map.of("iat", now - 3600, "exp", now - 3000)));
    rows.put("id token", logto.mintIdToken(Doubles.APP_ID, Map.of()));

    for (Map.Entry<String, String> row : rows.entrySet()) {
      HttpResponse<String> response = backChannel(row.getValue());
      assertEquals(400, response.statusCode(), "SES-06 " + row.getKey() + ": " + response.body());
    }
    String valid = logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, Map.of());
    assertEquals(
        400,
        new CookieClient()
            .get(Servers.app("/api/backchannel-logout?logout_token=" + valid))
            .statusCode(),
        "SES-06 by GET");
    assertTrue(browser.signedIn(), "no session was touched");
  }

  @Test
  void logoutForASessionAlreadySignedOutLocallyIs200() {
    String sid = sid();
    CookieClient admin = SignIn.adminBrowser(logto);
    long acceptedBefore =
        SignIn.adminHealth(admin).path("backChannelLogout").path("accepted").asLong();
    browser.get(Servers.app("/sign-out"));

    HttpResponse<String> response =
        backChannel(logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, Map.of()));

    assertEquals(200, response.statusCode(), "SES-07: " + response.body());
    JsonNode received = SignIn.adminHealth(admin).path("backChannelLogout");
    assertEquals(0, received.path("lastEndedSessions").asInt(), "SES-07: nothing left to end");
    assertEquals(
        acceptedBefore + 1, received.path("accepted").asLong(), "SES-07: the logout was accepted");
  }

  @Test
  void logtoEndingItsSessionSignsTheUserOutHereThroughTheBackChannel() throws Exception {
    logto.registerBackChannelLogout(
        Doubles.APP_ID, Servers.appBase() + "/api/backchannel-logout", true);

    HttpResponse<String> ended = browser.get(java.net.URI.create(logto.issuer() + "/session/end"));

    assertTrue(ended.statusCode() < 400, "Logto ended its session: " + ended.statusCode());
    assertFalse(browser.signedIn(), "the back-channel logout reached the app");
    HttpResponse<String> home = browser.get(Servers.app("/?state=not-ours"));
    assertEquals(
        200, home.statusCode(), "SES-05: a return with someone else's state shows the page");
  }

  private static Map<String, Object> nullValue(String key) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, null);
    return map;
  }
}
