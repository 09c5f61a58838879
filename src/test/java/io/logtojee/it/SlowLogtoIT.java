package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FLT-02: Logto answers after 10 s. Every call the application makes to it gives up within the 5 s
 * read timeout, while requests that need no answer from Logto (a signed-in user, a Bearer token
 * signed with a cached key, health) are served. The slow calls are made in parallel and are all
 * seen waiting at Logto before the other requests are sent.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowLogtoIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARALLEL_SIGN_INS = 8;
  private static final Duration WITHIN_READ_TIMEOUT = Duration.ofSeconds(9);

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  private static String bearer(TestOpenIdProvider logto) {
    return "Bearer "
        + logto.mintAccessToken("m2m-client", BearerApiIT.RESOURCE, "read:demo", Map.of());
  }

  private static HttpResponse<String> callApi(String authorization) {
    try {
      return BearerApiIT.call("/api/me", authorization);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The requests that must keep being served while Logto hangs. */
  private static void assertServedWithoutLogto(CookieClient signedIn, String cachedKeyBearer) {
    HttpResponse<String> me = signedIn.get(Servers.app("/api/me"));
    assertEquals(200, me.statusCode(), me.body());
    assertTrue(me.body().contains("\"authenticated\":true"), me.body());
    assertEquals(200, callApi(cachedKeyBearer).statusCode(), "Bearer with a cached key");
    assertEquals(200, new CookieClient().get(Servers.app("/api/health")).statusCode());
  }

  @Test
  @Order(1)
  void parallelCallbacksAgainstASlowTokenEndpointFailInTimeWhileOthersAreServed() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    CookieClient alice = new CookieClient();
    SignIn.complete(alice, "/sign-in");
    String cachedKeyBearer = bearer(logto);
    assertEquals(200, callApi(cachedKeyBearer).statusCode(), "warm-up");
    List<CookieClient> browsers = new ArrayList<>();
    List<SignIn> pending = new ArrayList<>();
    for (int i = 0; i < PARALLEL_SIGN_INS; i++) {
      CookieClient browser = new CookieClient();
      browsers.add(browser);
      pending.add(SignIn.begin(browser, "/sign-in"));
    }
    long tokenCallsBefore = logto.count("/oidc/token");
    logto.enable(Scenario.DELAY_10S);

    Instant started = Instant.now();
    List<CompletableFuture<HttpResponse<String>>> callbacks = new ArrayList<>();
    for (int i = 0; i < PARALLEL_SIGN_INS; i++) {
      SignIn signIn = pending.get(i);
      CookieClient browser = browsers.get(i);
      callbacks.add(CompletableFuture.supplyAsync(() -> signIn.finish(browser)));
    }
    Eventually.await(
        "every callback to wait at Logto's token endpoint",
        Duration.ofSeconds(5),
        () -> logto.count("/oidc/token") - tokenCallsBefore,
        waiting -> waiting == PARALLEL_SIGN_INS);

    assertServedWithoutLogto(alice, cachedKeyBearer);
    assertTrue(
        callbacks.stream().noneMatch(CompletableFuture::isDone),
        "the other requests were served while every callback still waited for Logto");

    for (CompletableFuture<HttpResponse<String>> callback : callbacks) {
      HttpResponse<String> answer = callback.get();
      assertEquals(503, answer.statusCode(), answer.body());
      assertEquals(
          "identity_provider_unavailable", JSON.readTree(answer.body()).path("code").asText());
    }
    Duration took = Duration.between(started, Instant.now());
    System.out.printf(
        "FLT-02 on %s: %d parallel callbacks against a 10 s token endpoint all failed in %d ms%n",
        Servers.container(), PARALLEL_SIGN_INS, took.toMillis());
    assertTrue(took.compareTo(WITHIN_READ_TIMEOUT) < 0, "within the 5 s read timeout: " + took);
    logto.disable(Scenario.DELAY_10S);
  }

  @Test
  @Order(2)
  void aSlowJwksEndpointFailsATokenWithANewKeyInTimeWhileCachedKeysServe() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    CookieClient alice = new CookieClient();
    SignIn.complete(alice, "/sign-in");
    String cachedKeyBearer = bearer(logto);
    assertEquals(200, callApi(cachedKeyBearer).statusCode(), "warm-up");
    logto.rotateKey(false);
    String newKeyBearer = bearer(logto);
    long jwksCallsBefore = logto.count("/oidc/jwks");
    logto.enable(Scenario.DELAY_10S);

    Instant started = Instant.now();
    CompletableFuture<HttpResponse<String>> newKeyCall =
        CompletableFuture.supplyAsync(() -> callApi(newKeyBearer));
    Eventually.await(
        "the application to wait at Logto's JWKS endpoint for the new key",
        Duration.ofSeconds(5),
        () -> logto.count("/oidc/jwks") - jwksCallsBefore,
        waiting -> waiting == 1);

    assertServedWithoutLogto(alice, cachedKeyBearer);
    assertTrue(!newKeyCall.isDone(), "served while the key fetch still waited for Logto");

    HttpResponse<String> answer = newKeyCall.get();
    Duration took = Duration.between(started, Instant.now());
    System.out.printf(
        "FLT-02 on %s: a token with a new key against a 10 s JWKS endpoint: %d after %d ms%n",
        Servers.container(), answer.statusCode(), took.toMillis());
    assertEquals(401, answer.statusCode(), answer.body());
    assertTrue(took.compareTo(WITHIN_READ_TIMEOUT) < 0, "within the 5 s read timeout: " + took);
    logto.disable(Scenario.DELAY_10S);
  }
}
