package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.net.HugeBody;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8 item 1 on the deployed WAR: no unauthenticated request can exhaust the server's memory.
 * Bodies several times larger than the server's heap (512 MiB on Tomcat, 768 MiB on WildFly) are
 * streamed at the endpoints anyone can reach; each gets a JSON answer at once, the server takes
 * only a sliver of the body, and it answers the next request normally. Runs on Tomcat 11 and
 * WildFly.
 */
@ExtendWith(ArquillianExtension.class)
class OversizedBodyIT {

  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  private static HugeBody.Answer send(String path, Map<String, String> headers) throws Exception {
    HugeBody.Answer answer = HugeBody.post(Servers.app(path), headers, TWO_GIB, (byte) 'a');
    System.out.printf(
        "Issue 8 item 1 on %s: %s answered %d after %d MiB of a 2 GiB body%n",
        Servers.container(), path, answer.status(), answer.bytesSent() / (1024 * 1024));
    return answer;
  }

  private static void assertJsonError(HugeBody.Answer answer, int status, String code)
      throws Exception {
    assertEquals(status, answer.status(), answer.body());
    assertTrue(
        answer.headers().getOrDefault("content-type", "").startsWith("application/json"),
        "never the container's HTML page: " + answer.headers());
    assertEquals(code, JSON.readTree(answer.body()).path("code").asText(), answer.body());
    assertTrue(answer.bytesSent() < TWO_GIB, "the server stopped taking the body");
  }

  private static void assertStillHealthy() {
    assertEquals(200, new CookieClient().get(Servers.app("/api/health")).statusCode());
  }

  @Test
  void theMailEndpointRefusesAnUnauthenticatedHugeBodyWithoutReadingIt() throws Exception {
    assertJsonError(
        send("/api/mail/send", Map.of("Content-Type", "application/json")), 401, "unauthorized");
    assertStillHealthy();
  }

  @Test
  void theMailEndpointCutsAnAuthenticatedHugeBodyAtTheCap() throws Exception {
    assertJsonError(
        send(
            "/api/mail/send",
            Map.of(
                "Content-Type", "application/json", "Authorization", Doubles.MAIL_AUTHORIZATION)),
        413,
        "payload_too_large");
    assertStillHealthy();
  }

  @Test
  void backChannelLogoutCutsAHugeFormAtTheCap() throws Exception {
    assertJsonError(
        send(
            "/api/backchannel-logout", Map.of("Content-Type", "application/x-www-form-urlencoded")),
        413,
        "payload_too_large");
    assertStillHealthy();
  }

  @Test
  void theAdminApiRefusesAHugeBodyFromAStrangerWithoutReadingIt() throws Exception {
    assertJsonError(
        send("/api/admin/mail-config/validate", Map.of("Content-Type", "application/json")),
        401,
        "not_signed_in");
    assertStillHealthy();
  }
}
