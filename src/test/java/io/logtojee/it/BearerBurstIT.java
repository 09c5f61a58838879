package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API-05 on a fresh deployment: 1,000 Bearer calls, nine in ten with a made-up {@code kid}, cost at
 * most one JWKS fetch per cooldown; valid tokens keep working and no call gets a session.
 */
@ExtendWith(ArquillianExtension.class)
class BearerBurstIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  private String token(TestOpenIdProvider logto, Map<String, Object> overrides) {
    return logto.mintAccessToken("m2m-client", BearerApiIT.RESOURCE, "read:demo", overrides);
  }

  @Test
  void burstOfRandomKidsCostsAtMostOneJwksFetch() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    String valid = token(logto, Map.of());
    assertEquals(200, BearerApiIT.call("/api/me", "Bearer " + valid).statusCode(), "keys loaded");
    logto.reset();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      tokens.add(
          i % 10 == 0
              ? valid
              : token(logto, BearerApiIT.mapOf("header.kid", UUID.randomUUID().toString())));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    long started = System.nanoTime();
    for (String t : tokens) {
      answers.add(pool.submit(() -> BearerApiIT.call("/api/me", "Bearer " + t)));
    }
    int ok = 0;
    int refused = 0;
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> response = answers.get(i).get();
      assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "API-05: no Set-Cookie");
      if (i % 10 == 0) {
        assertEquals(200, response.statusCode());
        ok++;
      } else {
        assertEquals(401, response.statusCode());
        refused++;
      }
    }
    pool.shutdown();
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "API-05 on %s: 1000 Bearer calls in %d ms, %d accepted, %d refused, %d JWKS fetches%n",
        Servers.container(), millis, ok, refused, logto.count("/oidc/jwks"));
    long allowedFetches = 1 + millis / 30_000;
    assertTrue(
        logto.count("/oidc/jwks") <= allowedFetches, "at most one JWKS fetch per 30 s cooldown");
  }
}
