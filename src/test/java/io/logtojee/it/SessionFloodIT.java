package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SES-11: 10,000 unauthenticated {@code /sign-in} hits, each from a client without a cookie. The
 * number of pending sign-in sessions stays at the configured bound (2,000 in the test deployment)
 * and a real user who arrives afterwards still signs in.
 */
@ExtendWith(ArquillianExtension.class)
class SessionFloodIT {

  private static final int HITS = 10_000;
  private static final int BOUND = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @Test
  void floodOfSignInStartsKeepsPendingSessionsBoundedAndServiceUp() throws Exception {
    CookieClient admin = SignIn.adminBrowser(Doubles.freshLogto());
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest signIn = HttpRequest.newBuilder(Servers.app("/sign-in")).GET().build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long started = System.nanoTime();
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < HITS; i++) {
      statuses.add(
          pool.submit(
              () -> http.send(signIn, HttpResponse.BodyHandlers.discarding()).statusCode()));
    }
    int redirects = 0;
    for (Future<Integer> status : statuses) {
      if (status.get() == 302) {
        redirects++;
      }
    }
    pool.shutdown();
    long millis = (System.nanoTime() - started) / 1_000_000;

    JsonNode health = SignIn.adminHealth(admin);
    int pending = health.path("pendingSignIns").asInt();
    System.out.printf(
        "SES-11 on %s: %d sign-in starts in %d ms (%.0f/s), %d pending sessions kept%n",
        Servers.container(), HITS, millis, HITS * 1000.0 / millis, pending);

    assertEquals(HITS, redirects, "every start is answered; none is refused");
    assertTrue(pending <= BOUND, "pending sign-ins bounded: " + pending);
    assertTrue(pending > 0);
    assertEquals("up", health.path("status").asText());
    SignIn.complete(new CookieClient(), "/sign-in");
  }
}
