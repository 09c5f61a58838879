package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API's contract on every server: JSON, never cached, never a redirect. */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  private final CookieClient client = new CookieClient();

  @Test
  void meWhenSignedOutAnswersAuthenticatedFalseWithoutCaching() throws Exception {
    HttpResponse<String> response = client.get(Servers.app("/api/me"));

    assertEquals(200, response.statusCode());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals(Map.of("authenticated", false), JSON.readValue(response.body(), Map.class));
    assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "asking creates no session");
  }

  @Test
  void healthIsServedByTheBundledJersey() throws Exception {
    JsonNode health = SignIn.adminHealth(SignIn.adminBrowser(Doubles.freshLogto()));

    assertEquals("jersey", health.path("restRuntime").asText(), health.toString());
    assertTrue(health.path("logto").has("status"));
  }

  @Test
  void publicHealthTellsStatusesOnly() throws Exception {
    HttpResponse<String> response = client.get(Servers.app("/api/health"));

    assertEquals(200, response.statusCode());
    JsonNode health = JSON.readTree(response.body());
    assertEquals("up", health.path("status").asText(), response.body());
    assertEquals(Set.of("status", "logto", "mail"), fieldNames(health));
    assertEquals(Set.of("status"), fieldNames(health.path("logto")));
    assertEquals(Set.of("status"), fieldNames(health.path("mail")));
  }

  @Test
  void adminHealthIsForAdminsOnly() {
    HttpResponse<String> response = client.get(Servers.app("/api/admin/health"));

    assertEquals(401, response.statusCode(), response.body());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void unknownApiPathAnswersJson404() throws Exception {
    HttpResponse<String> response = client.get(Servers.app("/api/no-such-thing"));

    assertEquals(404, response.statusCode());
    JsonNode error = JSON.readTree(response.body());
    assertEquals("not_found", error.path("code").asText());
    assertFalse(error.path("message").asText().isEmpty());
  }

  @Test
  void pagesCarrySecurityHeaders() {
    HttpResponse<String> response = client.get(Servers.app("/"));

    assertEquals(200, response.statusCode());
    assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
    assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertTrue(response.body().contains("Sign in"));
  }
}
