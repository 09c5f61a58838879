package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.net.FaultProxy;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logto failing underneath a deployed application: FLT-01, FLT-04 and the discovery rows of RP-01
 * and RP-17 ({@link SlowLogtoIT} has FLT-02, {@link JwksOutageIT} FLT-03). Token requests go
 * through a {@link FaultProxy}, which can cut Logto's answers off with a TCP reset.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderFaultsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The application reads discovery as it starts, so the proxy is put in front of the token
   * endpoint before the deployment: discovery then names the proxy for tokens.
   */
  @Deployment(testable = false)
  static WebArchive war() throws IOException {
    tokenProxy = FaultProxy.start(Servers.opPort());
    Doubles.freshLogto()
        .advertiseTokenEndpoint(
            URI.create("http://127.0.0.1:" + tokenProxy.port() + "/oidc/token"));
    return Deployments.builtWar();
  }

  /** In front of Logto's token endpoint for this deployment, to cut answers off with an RST. */
  private static FaultProxy tokenProxy;

  @AfterAll
  static void removeTheFaultProxy() {
    Doubles.logto().advertiseTokenEndpoint(null);
    tokenProxy.close();
  }

  private final CookieClient browser = new CookieClient();

  @Test
  @Order(3)
  void tokenEndpointFailureShowsAnErrorPageAndIsNotRetried() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    for (Scenario failure : new Scenario[] {Scenario.TOKEN_500, Scenario.TOKEN_RESET}) {
      logto.reset();
      logto.enable(failure);
      assertTokenFailureIsAnErrorPageAndTheCodeIsRedeemedOnce(logto, failure.toString());
      logto.disable(failure);
      SignIn.complete(new CookieClient(), "/sign-in");
    }
  }

  /**
   * FLT-04 with a real TCP reset: Logto redeems the code and answers, but the answer never arrives
   * and the connection is reset. Re-sending the POST would redeem the code a second time, which
   * makes Logto revoke the grant.
   */
  @Test
  @Order(4)
  void aTokenAnswerCutOffByAResetIsAnErrorPageAndTheCodeIsNotSentAgain() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    tokenProxy.setMode(FaultProxy.Mode.RESET_RESPONSES);
    try {
      assertTokenFailureIsAnErrorPageAndTheCodeIsRedeemedOnce(logto, "TCP reset");
      assertEquals(1, tokenProxy.resets());
    } finally {
      tokenProxy.setMode(FaultProxy.Mode.PASS);
    }
    SignIn.complete(new CookieClient(), "/sign-in");
  }

  private static void assertTokenFailureIsAnErrorPageAndTheCodeIsRedeemedOnce(
      TestOpenIdProvider logto, String failure) throws IOException {
    CookieClient client = new CookieClient();

    SignIn signIn = SignIn.begin(client, "/sign-in");
    HttpResponse<String> callback = signIn.finish(client);

    // identity_provider_unavailable is 503 wherever it is answered (it was 502 here before).
    assertEquals(503, callback.statusCode(), failure + ": " + callback.body());
    assertEquals(
        "identity_provider_unavailable", JSON.readTree(callback.body()).path("code").asText());
    assertEquals(1, logto.count("/oidc/token"), failure + ": the code is redeemed once");

    HttpResponse<String> reload = signIn.finish(client);
    assertEquals(400, reload.statusCode(), failure + ": reload: " + reload.body());
    assertEquals("sign_in_expired", JSON.readTree(reload.body()).path("code").asText());
    assertEquals(1, logto.count("/oidc/token"), failure + ": a reload does not redeem it again");
  }

  @Test
  @Order(6)
  void stagedKeyRotationIsPickedUpWithOneRefetch() {
    TestOpenIdProvider logto = Doubles.freshLogto();
    logto.rotateKey(true);
    SignIn.complete(new CookieClient(), "/sign-in");

    SignIn.complete(browser, "/sign-in");

    assertEquals(1, logto.count("/oidc/jwks"), "RP-12 staged: one refetch for the new kid");
  }
}
