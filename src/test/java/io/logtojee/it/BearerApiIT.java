package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * REST clients with Logto access tokens on the deployed WAR: API-01 to API-05, scopes, key rotation
 * and FLT-03. Runs on Tomcat 11 and WildFly. Key rotation runs before the burst so the burst's
 * unknown kids meet the refetch cooldown.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerApiIT {

  static final String RESOURCE = "https://api.example.test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  private TestOpenIdProvider logto;

  @BeforeEach
  void freshProvider() {
    logto = Doubles.freshLogto();
  }

  private String token(String scope, Map<String, Object> overrides) {
    return logto.mintAccessToken("m2m-client", RESOURCE, scope, overrides);
  }

  static HttpResponse<String> call(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(Servers.app(path)).GET().timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertInvalidToken(HttpResponse<String> response, String row)
      throws Exception {
    assertEquals(401, response.statusCode(), row + ": " + response.body());
    assertTrue(
        response
            .headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .startsWith("Bearer error=\"invalid_token\""),
        row + ": " + response.headers().firstValue("WWW-Authenticate"));
    assertEquals("invalid_token", JSON.readTree(response.body()).path("code").asText(), row);
    assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), row + ": no session");
  }

  @Test
  @Order(1)
  void validTokenIdentifiesTheCallerWithoutASession() throws Exception {
    Map<String, Object> extra = new HashMap<>();
    extra.put("organization_id", "org-42");

    HttpResponse<String> response =
        call("/api/me", "Bearer " + token("read:demo write:demo", extra));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode me = JSON.readTree(response.body());
    assertTrue(me.path("authenticated").asBoolean());
    assertEquals("bearer", me.path("auth_method").asText());
    assertEquals("demouser0001", me.path("sub").asText());
    assertEquals("m2m-client", me.path("client_id").asText());
    assertEquals("read:demo write:demo", me.path("scope").asText());
    assertEquals("org-42", me.path("organization_id").asText());
    assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "no session is created");
  }

  @Test
  @Order(2)
  void wrongAudienceIssuerTimesAreRefused() throws Exception {
    long now = Instant.now().getEpochSecond();
    Map<String, Map<String, Object>> rows = new java.util.LinkedHashMap<>();
    rows.put("wrong iss", mapOf("iss", logto.issuer() + "1"));
    rows.put("expired", mapOf("exp", now - 600, "iat", now - 4000));
    rows.put("future nbf", mapOf("nbf", now + 600));
    rows.put("no exp", mapOf("exp", null));
    for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
      assertInvalidToken(
          call("/api/me", "Bearer " + token("read:demo", row.getValue())),
          "API-01 " + row.getKey());
    }
    String otherAudience =
        logto.mintAccessToken("m2m-client", "https://other.example.test", "read:demo", Map.of());
    assertInvalidToken(call("/api/me", "Bearer " + otherAudience), "API-01 wrong aud");
    String appAudience = logto.mintAccessToken("m2m-client", Doubles.APP_ID, "read:demo", Map.of());
    assertInvalidToken(call("/api/me", "Bearer " + appAudience), "API-01 aud is the client id");
  }

  @Test
  @Order(3)
  void idTokenPresentedAsBearerIsRefused() throws Exception {
    assertInvalidToken(
        call("/api/me", "Bearer " + logto.mintIdToken(Doubles.APP_ID, Map.of())), "API-02");
  }

  @Test
  @Order(4)
  void unsignedEncryptedAndZeroSignatureTokensAreRefused() throws Exception {
    assertInvalidToken(
        call(
            "/api/me",
            "Bearer "
                + logto.mintAccessToken("c", RESOURCE, "read:demo", Map.of(), Scenario.ALG_NONE)),
        "API-03 alg none");
    assertInvalidToken(
        call(
            "/api/me",
            "Bearer "
                + logto.mintAccessToken("c", RESOURCE, "read:demo", Map.of(), Scenario.ZERO_SIG)),
        "API-03 zero signature");
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    EncryptedJWT jwe =
        new EncryptedJWT(
            new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128GCM)
                .contentType("JWT")
                .build(),
            new JWTClaimsSet.Builder()
                .subject("attacker")
                .issuer(logto.issuer())
                .audience(RESOURCE)
                .build());
    jwe.encrypt(new DirectEncrypter(key));
    assertInvalidToken(
        call("/api/me", "Bearer " + jwe.serialize()), "API-03 JWE around an unsigned JWT");
  }

  @Test
  @Order(5)
  void hostileTokensAreRefusedQuickly() throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString(
            "{\"alg\":\"ES384\",\"typ\":\"at+jwt\",\"kid\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8));
    String nested = "{\"a\":".repeat(600) + "1" + "}".repeat(600);
    String deep =
        header
            + "."
            + b64.encodeToString(nested.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(new byte[96]);
    String pbes2Header =
        b64.encodeToString(
            "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":1000000000,\"p2s\":\"c2FsdHNhbHQ\"}"
                .getBytes(StandardCharsets.UTF_8));
    String pbes2 = pbes2Header + ".AAAA.AAAA.AAAA.AAAA";
    String hugeHeader =
        b64.encodeToString(
                ("{\"alg\":\"ES384\",\"x\":\"" + "y".repeat(100_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8))
            + ".e30."
            + b64.encodeToString(new byte[96]);

    for (Map.Entry<String, String> row :
        Map.of("nested claims", deep, "PBES2 p2c=10^9", pbes2).entrySet()) {
      long started = System.nanoTime();
      HttpResponse<String> response = call("/api/me", "Bearer " + row.getValue());
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertInvalidToken(response, "API-04 " + row.getKey());
      assertTrue(millis < 5_000, "API-04 " + row.getKey() + " answered in " + millis + " ms");
    }
    // An answer is owed: a connection closed without one would be a failure, not a refusal.
    int hugeStatus = call("/api/me", "Bearer " + hugeHeader).statusCode();
    assertTrue(
        List.of(400, 401, 413, 431).contains(hugeStatus),
        "API-04 100 KB header: refused by the container's header limit or as a token: "
            + hugeStatus);
    assertEquals(200, call("/api/health", null).statusCode(), "the server is fine afterwards");
  }

  @Test
  @Order(6)
  void scopeProtectedApiNeedsTheScope() throws Exception {
    HttpResponse<String> without =
        call("/api/scopes-demo", "Bearer " + token("write:demo", Map.of()));
    HttpResponse<String> with = call("/api/scopes-demo", "Bearer " + token("read:demo", Map.of()));
    HttpResponse<String> none = call("/api/scopes-demo", null);

    assertEquals(403, without.statusCode(), without.body());
    assertTrue(
        without
            .headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .contains("error=\"insufficient_scope\""));
    assertTrue(
        without
            .headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .contains("scope=\"read:demo\""));
    assertEquals("insufficient_scope", JSON.readTree(without.body()).path("code").asText());
    assertEquals(200, with.statusCode(), with.body());
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
  }

  @Test
  @Order(7)
  void rotatedKeyIsFetchedOnceAndAccepted() throws Exception {
    logto.rotateKey(false);

    assertEquals(200, call("/api/me", "Bearer " + token("read:demo", Map.of())).statusCode());
    assertEquals(200, call("/api/me", "Bearer " + token("read:demo", Map.of())).statusCode());
    assertEquals(1, logto.count("/oidc/jwks"), "one refetch for the new kid");
  }

  @Test
  @Order(9)
  void cachedKeysServeWhileTheJwksEndpointFails() throws Exception {
    logto.enable(Scenario.JWKS_500);

    assertEquals(
        200, call("/api/me", "Bearer " + token("read:demo", Map.of())).statusCode(), "FLT-03");
  }

  static Map<String, Object> mapOf(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
