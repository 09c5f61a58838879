package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A team's own API added without forking: the WAR overlay of {@code src/overlay-example} (the
 * application's WAR plus {@code com.example.reports} and its {@code
 * META-INF/services/io.logtojee.api.ApiExtension}), built by {@code mvn verify} before the servers
 * start. Its {@code GET /api/reports} is {@code @AcceptsBearer @RequiresScope("read:reports")}.
 *
 * <p>The overlay is deployed under {@code /app}, where APP_BASE_URL and the test provider's
 * redirect URIs point, as an unmanaged deployment: deployed before the first test, and undeployed
 * by Arquillian when the class ends (it undeploys every deployed deployment, managed or not), so
 * the next class deploys the plain WAR under {@code /app} as usual. Runs on Tomcat 11 only.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIf("onTomcat11")
class ApiExtensionIT {

  private static final String OVERLAY = "overlay";
  private static final String SCOPE = "read:reports";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean deployed;

  @Deployment(name = OVERLAY, managed = false, testable = false)
  static WebArchive overlay() {
    return Deployments.overlayWar();
  }

  /** Also selected by {@code -Dit.test=ApiExtensionIT}, which overrides each run's includes. */
  static boolean onTomcat11() {
    return Servers.container().equals("tomcat11");
  }

  @ArquillianResource private Deployer deployer;

  private TestOpenIdProvider logto;

  @BeforeEach
  void overlayDeployed() {
    logto = Doubles.freshLogto();
    if (!deployed) {
      deployer.deploy(OVERLAY);
      deployed = true;
    }
  }

  private String token(String scope) {
    return logto.mintAccessToken("m2m-client", BearerApiIT.RESOURCE, scope, Map.of());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void aTokenWithTheScopeReachesTheTeamsResource() throws Exception {
    HttpResponse<String> response = BearerApiIT.call("/api/reports", "Bearer " + token(SCOPE));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode reports = json(response);
    assertEquals("demouser0001", reports.path("sub").asText());
    assertEquals("bearer", reports.path("auth_method").asText());
    assertEquals("week", reports.path("period").asText());
    assertEquals(
        "no-store",
        response.headers().firstValue("Cache-Control").orElse(""),
        "the application's response filters apply to the team's resource too");
    assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "no session is created");
  }

  @Test
  void aTokenWithoutTheScopeIsRefusedWithTheRfc6750Challenge() throws Exception {
    HttpResponse<String> response =
        BearerApiIT.call("/api/reports", "Bearer " + token("read:demo write:reports"));

    assertEquals(403, response.statusCode(), response.body());
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The token lacks a required"
            + " scope\", scope=\"read:reports\"",
        response.headers().firstValue("WWW-Authenticate").orElse(null));
    assertEquals("insufficient_scope", json(response).path("code").asText());
  }

  /**
   * A {@code @RequiresScope} resource is for access tokens only: scopes are the permissions of a
   * Logto API resource, which a browser session does not carry, so a signed-in browser without a
   * Bearer token gets 401 {@code invalid_token} with the bare {@code Bearer} challenge of RFC 6750
   * §3.1, exactly as a caller without any credentials. The same browser may still present a token.
   */
  @Test
  void aBrowserSessionAloneIsRefusedByTheScopeProtectedResource() throws Exception {
    CookieClient browser = new CookieClient();
    SignIn.complete(browser, "/sign-in");
    JsonNode me = browser.me();
    assertEquals("session", me.path("auth_method").asText(), "signed in: " + me);
    assertEquals("demouser0001", me.path("sub").asText());

    HttpResponse<String> sessionOnly = browser.get(Servers.app("/api/reports"));
    HttpResponse<String> anonymous = BearerApiIT.call("/api/reports", null);
    HttpResponse<String> sessionAndToken =
        browser.get(Servers.app("/api/reports"), Map.of("Authorization", "Bearer " + token(SCOPE)));

    for (HttpResponse<String> refused : List.of(sessionOnly, anonymous)) {
      assertEquals(401, refused.statusCode(), refused.body());
      assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElse(null));
      assertEquals("invalid_token", json(refused).path("code").asText());
      assertEquals("This API needs a Logto access token", json(refused).path("message").asText());
    }
    assertEquals(200, sessionAndToken.statusCode(), sessionAndToken.body());
    assertEquals("bearer", json(sessionAndToken).path("auth_method").asText());
    assertTrue(browser.signedIn(), "the session itself is untouched");
  }

  @Test
  void aCodedExceptionOfTheTeamGetsTheApplicationsJsonError() throws Exception {
    HttpResponse<String> response =
        BearerApiIT.call("/api/reports?period=year", "Bearer " + token(SCOPE));

    assertEquals(400, response.statusCode(), response.body());
    JsonNode error = json(response);
    assertEquals("invalid_parameter", error.path("code").asText());
    assertEquals("period", error.path("details").path("parameter").asText());
  }

  @Test
  void theApplicationsOwnApiStillWorksInTheOverlay() throws Exception {
    HttpResponse<String> anonymous = BearerApiIT.call("/api/me", null);
    HttpResponse<String> bearer = BearerApiIT.call("/api/me", "Bearer " + token(SCOPE));
    HttpResponse<String> scopesDemo =
        BearerApiIT.call("/api/scopes-demo", "Bearer " + token("read:demo"));
    HttpResponse<String> health = BearerApiIT.call("/api/health", null);

    assertEquals(200, anonymous.statusCode(), anonymous.body());
    assertFalse(json(anonymous).path("authenticated").asBoolean());
    assertEquals(200, bearer.statusCode(), bearer.body());
    assertEquals("bearer", json(bearer).path("auth_method").asText());
    assertEquals("demouser0001", json(bearer).path("sub").asText());
    assertEquals(SCOPE, json(bearer).path("scope").asText());
    assertEquals(200, scopesDemo.statusCode(), scopesDemo.body());
    assertEquals(200, health.statusCode(), health.body());
  }
}
