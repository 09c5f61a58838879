package io.logtojee.testsupport.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test Logto's Management API: client credentials with resource and scope, Bearer, filters. */
class ManagementApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestOpenIdProvider logto;

  @BeforeEach
  void start() {
    logto = TestOpenIdProvider.start(0);
    logto.registerMachineToMachineClient("m2m", "m2m-secret");
    logto.registerClient(
        "web", "web-secret", java.util.Set.of("http://x.test/cb"), java.util.Set.of());
    logto.putEmailTemplate("en", "SignIn", Map.of("subject", "S", "content", "C"));
    logto.putEmailTemplate("fr", "SignIn", Map.of("subject", "S", "content", "C"));
    logto.putEmailTemplate("fr", "Generic", Map.of("subject", "G", "content", "C"));
    logto.setFallbackLanguage("fr");
  }

  @AfterEach
  void stop() {
    logto.close();
  }

  private HttpResponse<String> token(String client, String secret, String form) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(logto.issuer() + "/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String managementToken() throws Exception {
    HttpResponse<String> answer =
        token(
            "m2m",
            "m2m-secret",
            "grant_type=client_credentials&resource=https%3A%2F%2Fdefault.logto.app%2Fapi&scope=all");
    assertEquals(200, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body()).get("access_token").asText();
  }

  private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(logto.endpoint() + pathAndQuery)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> answer) throws Exception {
    return JSON.readTree(answer.body()).get("error").asText();
  }

  @Test
  void clientCredentialsNeedTheManagementResourceAndOnlyScopeAll() throws Exception {
    String resource = "&resource=https%3A%2F%2Fdefault.logto.app%2Fapi";
    HttpResponse<String> noResource = token("m2m", "m2m-secret", "grant_type=client_credentials");
    assertEquals(400, noResource.statusCode());
    assertEquals("invalid_target", error(noResource));
    HttpResponse<String> otherResource =
        token(
            "m2m",
            "m2m-secret",
            "grant_type=client_credentials&resource=https%3A%2F%2Fapi.example.test");
    assertEquals("invalid_target", error(otherResource));
    HttpResponse<String> badScope =
        token("m2m", "m2m-secret", "grant_type=client_credentials" + resource + "&scope=all+write");
    assertEquals(400, badScope.statusCode());
    assertEquals("invalid_scope", error(badScope));
    HttpResponse<String> webApp =
        token("web", "web-secret", "grant_type=client_credentials" + resource);
    assertEquals("unauthorized_client", error(webApp));
    HttpResponse<String> wrongSecret =
        token("m2m", "nope", "grant_type=client_credentials" + resource);
    assertEquals(401, wrongSecret.statusCode());

    JsonNode ok =
        JSON.readTree(
            token("m2m", "m2m-secret", "grant_type=client_credentials" + resource).body());
    assertEquals("all", ok.get("scope").asText());
    assertEquals(3600, ok.get("expires_in").asInt());
  }

  @Test
  void templatesAndSignInExperienceNeedAManagementToken() throws Exception {
    assertEquals(401, get("/api/email-templates", null).statusCode());
    assertEquals(401, get("/api/email-templates", "forged").statusCode());
    String token = managementToken();

    assertEquals(3, JSON.readTree(get("/api/email-templates", token).body()).size());
    assertEquals(2, JSON.readTree(get("/api/email-templates?languageTag=fr", token).body()).size());
    JsonNode filtered =
        JSON.readTree(
            get("/api/email-templates?languageTag=fr&templateType=Generic", token).body());
    assertEquals(1, filtered.size());
    assertEquals("G", filtered.at("/0/details/subject").asText());
    assertEquals(
        "fr",
        JSON.readTree(get("/api/sign-in-exp", token).body())
            .at("/languageInfo/fallbackLanguage")
            .asText());
    assertEquals(5, logto.count("/api/email-templates"), "refused requests count too");
  }

  @Test
  void faultScenariosAnswerAsAFailingLogtoWould() throws Exception {
    String token = managementToken();
    logto.enable(Scenario.MANAGEMENT_API_500);
    assertEquals(500, get("/api/email-templates", token).statusCode());
    logto.reset();
    logto.enable(Scenario.MANAGEMENT_API_401);
    assertEquals(401, get("/api/sign-in-exp", token).statusCode());
    logto.reset();
    logto.revokeManagementTokens();
    assertEquals(401, get("/api/sign-in-exp", token).statusCode());
  }
}
