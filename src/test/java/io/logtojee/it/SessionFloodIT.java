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
 * sessions the container itself holds for the application (read through the server's management
 * interface, not from the application) stay at the configured bound of pending sign-ins (2,000 in
 * the test deployment) plus the few real ones, the heap after a full collection grows by a bounded
 * amount, and a real user who arrives afterwards still signs in.
 */
@ExtendWith(ArquillianExtension.class)
class SessionFloodIT {

  private static final int HITS = 10_000;
  private static final int BOUND = 2_000;

  /** The signed-in admin and whatever sessions earlier tests of this deployment left. */
  private static final int OTHER_SESSIONS = 50;

  /** Ten thousand unbounded sessions would hold far more; 2,000 small ones far less. */
  private static final long HEAP_GROWTH_LIMIT = 48L * 1024 * 1024;

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
    ServerStats.Snapshot before = ServerStats.afterFullGc();
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

    ServerStats.Snapshot after = ServerStats.afterFullGc();
    JsonNode health = SignIn.adminHealth(admin);
    int pending = health.path("pendingSignIns").asInt();
    long heapGrowth = after.heapUsedBytes() - before.heapUsedBytes();
    System.out.printf(
        "SES-11 on %s: %d sign-in starts in %d ms (%.0f/s); container sessions %d -> %d, "
            + "heap after GC %d -> %d KiB (%+d KiB, %.1f KiB per kept session); %d pending%n",
        Servers.container(),
        HITS,
        millis,
        HITS * 1000.0 / millis,
        before.activeSessions(),
        after.activeSessions(),
        before.heapUsedBytes() / 1024,
        after.heapUsedBytes() / 1024,
        heapGrowth / 1024,
        heapGrowth / 1024.0 / Math.max(1, after.activeSessions() - before.activeSessions()),
        pending);

    assertEquals(HITS, redirects, "every start is answered; none is refused");
    assertTrue(
        after.activeSessions() <= BOUND + OTHER_SESSIONS,
        "the container holds a bounded number of sessions: " + after.activeSessions());
    assertTrue(after.activeSessions() >= BOUND, "the flood's newest sign-ins are kept");
    assertTrue(heapGrowth < HEAP_GROWTH_LIMIT, "heap growth bounded: " + heapGrowth);
    assertTrue(pending <= BOUND, "pending sign-ins bounded: " + pending);
    // Logto's part: whether mail is configured depends on which tests ran before this one.
    assertEquals("up", health.path("logto").path("status").asText(), health.toString());
    SignIn.complete(new CookieClient(), "/sign-in");
  }
}
