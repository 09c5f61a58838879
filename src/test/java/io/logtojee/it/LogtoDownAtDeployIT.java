package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FLT-01 and RP-17 on the deployed WAR: deployed while Logto is down, the application starts,
 * answers sign-in with 503 and Retry-After, reports itself degraded, keeps the rest of its API up,
 * refuses a discovery document naming another issuer, and recovers without a restart once Logto is
 * back. Its own deployment, so that nothing has loaded Logto's discovery before Logto goes down.
 */
@ExtendWith(ArquillianExtension.class)
class LogtoDownAtDeployIT {

  private static final String APP = "deployed-while-logto-is-down";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DISCOVERY = "/oidc/.well-known/openid-configuration";

  @Deployment(name = APP, managed = false, testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource private Deployer deployer;

  private final CookieClient browser = new CookieClient();

  private JsonNode publicHealth() {
    try {
      return JSON.readTree(browser.get(Servers.app("/api/health")).body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void deploysWhileLogtoIsDownAndRecoversWithoutRestart() {
    TestOpenIdProvider logto = Doubles.freshLogto();
    logto.stopListening();
    deployer.deploy(APP);
    try {
      for (int attempt = 1; attempt <= 4; attempt++) {
        HttpResponse<String> signIn = browser.get(Servers.app("/sign-in"));
        assertEquals(503, signIn.statusCode(), "FLT-01 attempt " + attempt);
        assertEquals("5", signIn.headers().firstValue("Retry-After").orElse(""));
      }
      assertEquals("degraded", publicHealth().path("status").asText());
      assertEquals("down", publicHealth().path("logto").path("status").asText());
      assertEquals(200, browser.get(Servers.app("/api/me")).statusCode(), "the rest stays up");

      logto.enable(Scenario.DISCOVERY_ISSUER);
      logto.resumeListening();
      Eventually.await(
          "the application to read discovery again",
          Duration.ofSeconds(20),
          () -> {
            browser.get(Servers.app("/sign-in"));
            return logto.count(DISCOVERY);
          },
          count -> count > 0);
      assertEquals(
          503,
          browser.get(Servers.app("/sign-in")).statusCode(),
          "RP-17: a discovery document for another issuer leaves sign-in unconfigured");
      assertEquals("degraded", publicHealth().path("status").asText());

      logto.disable(Scenario.DISCOVERY_ISSUER);
      logto.enable(Scenario.NO_PKCE_METADATA);
      HttpResponse<String> recovered =
          Eventually.await(
              "sign-in to recover",
              Duration.ofSeconds(20),
              () -> browser.get(Servers.app("/sign-in")),
              r -> r.statusCode() == 302);
      assertEquals(
          "S256",
          CookieClient.query(CookieClient.location(recovered)).get("code_challenge_method"),
          "RP-01: PKCE even when discovery does not advertise it");
      assertEquals("up", publicHealth().path("status").asText());
      SignIn.complete(new CookieClient(), "/sign-in");
    } finally {
      logto.resumeListening();
      deployer.undeploy(APP);
    }
  }

  /**
   * Issue 8 item 5: while Logto accepts connections and never answers its discovery document, 50
   * concurrent sign-ins and health checks all answer within a second; none waits for another
   * request's call to Logto.
   */
  @Test
  void aHungLogtoNeverQueuesTheApplication() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    logto.enable(Scenario.DELAY_10S);
    deployer.deploy(APP);
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(50);
    try {
      java.util.List<java.util.concurrent.Callable<String>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String path = i % 2 == 0 ? "/sign-in" : "/api/health";
        calls.add(
            () -> {
              long started = System.nanoTime();
              int status = new CookieClient().get(Servers.app(path)).statusCode();
              Duration took = Duration.ofNanos(System.nanoTime() - started);
              return path + " " + status + " " + took.toMillis();
            });
      }
      long slowest = 0;
      for (java.util.concurrent.Future<String> call : callers.invokeAll(calls)) {
        String[] answer = call.get().split(" ");
        long millis = Long.parseLong(answer[2]);
        slowest = Math.max(slowest, millis);
        assertEquals(answer[0].equals("/sign-in") ? 503 : 200, Integer.parseInt(answer[1]));
        assertTrue(millis < 1000, answer[0] + " answered after " + millis + " ms");
      }
      System.out.printf(
          "Issue 8 item 5 on %s: 50 concurrent calls while discovery hangs, slowest %d ms%n",
          Servers.container(), slowest);
    } finally {
      callers.shutdownNow();
      logto.disable(Scenario.DELAY_10S);
      deployer.undeploy(APP);
    }
  }
}
