package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FLT-03: Logto's JWKS endpoint fails after the keys were cached, and the cache time has run out,
 * so the application really asks Logto again and gets a 500. Tokens signed with the cached key
 * still validate: sign-in (ID tokens) and the API (Bearer access tokens) keep working. The
 * deployment caches keys for one second, so the test does not wait fifteen minutes.
 */
@ExtendWith(ArquillianExtension.class)
class JwksOutageIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWarWith(Map.of("LOGTO_JWKS_CACHE_SECONDS", "1"));
  }

  @Test
  void expiredCachedKeysKeepServingWhileTheJwksEndpointAnswers500() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    SignIn.complete(new CookieClient(), "/sign-in");
    String bearer =
        "Bearer "
            + logto.mintAccessToken("m2m-client", BearerApiIT.RESOURCE, "read:demo", Map.of());
    assertEquals(200, BearerApiIT.call("/api/me", bearer).statusCode(), "warm-up");
    logto.enable(Scenario.JWKS_500);
    long fetchesBefore = logto.count("/oidc/jwks");

    // Each call validates a token; once the cached keys are older than a second, one of them
    // makes the application fetch the keys again, and that fetch gets the 500.
    Eventually.await(
        "the application to ask Logto's failing JWKS endpoint again",
        Duration.ofSeconds(20),
        () -> {
          HttpResponse<String> me = callQuietly(bearer);
          assertEquals(200, me.statusCode(), "a cached key validates: " + me.body());
          return logto.count("/oidc/jwks");
        },
        fetches -> fetches > fetchesBefore);

    HttpResponse<String> afterFailure = BearerApiIT.call("/api/me", bearer);
    assertEquals(200, afterFailure.statusCode(), afterFailure.body());
    assertTrue(afterFailure.body().contains("\"authenticated\":true"), afterFailure.body());
    CookieClient browser = new CookieClient();
    SignIn.complete(browser, "/sign-in");
    HttpResponse<String> signedIn = browser.get(Servers.app("/api/me"));
    assertTrue(signedIn.body().contains("\"authenticated\":true"), signedIn.body());
    logto.disable(Scenario.JWKS_500);
  }

  private static HttpResponse<String> callQuietly(String authorization) {
    try {
      return BearerApiIT.call("/api/me", authorization);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
