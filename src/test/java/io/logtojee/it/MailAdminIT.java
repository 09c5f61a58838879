package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.TestUser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API for the DirectMail configuration on the deployed WAR: CFG-01 to CFG-03 and SES-10.
 * Runs on Tomcat 11 and WildFly.
 */
@ExtendWith(ArquillianExtension.class)
class MailAdminIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI CONFIG = Servers.app("/api/admin/mail-config");

  @Deployment(testable = false)
  static WebArchive war() {
    MailFixtures.writeConfig();
    return Deployments.builtWar();
  }

  private final CookieClient admin = new CookieClient();
  private FakeDirectMail directMail;

  @BeforeEach
  void signInAsAdmin() {
    TestOpenIdProvider logto = Doubles.freshLogto();
    logto.setUser(
        new TestUser(
            "admin000001",
            "Ada Admin",
            "ada",
            "ada@example.test",
            true,
            null,
            List.of("admin", "user"),
            List.of()));
    SignIn.complete(admin, "/sign-in");
    directMail = Doubles.freshDirectMail();
  }

  private HttpResponse<String> get(CookieClient client) {
    return client.get(CONFIG);
  }

  private HttpResponse<String> put(CookieClient client, Object body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(CONFIG)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(request::header);
    return client.send(request, CONFIG);
  }

  private HttpResponse<String> post(String path, Object body, Map<String, String> headers)
      throws Exception {
    URI uri = Servers.app(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(request::header);
    return admin.send(request, uri);
  }

  private static Map<String, String> consoleHeaders(String etag) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Requested-By", "admin-console");
    headers.put("Origin", originOfApp());
    headers.put("Sec-Fetch-Site", "same-origin");
    if (etag != null) {
      headers.put("If-Match", etag);
    }
    return headers;
  }

  private static String originOfApp() {
    URI base = URI.create(Servers.appBase());
    return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
  }

  private String etag() {
    return get(admin).headers().firstValue("ETag").orElseThrow();
  }

  private static Map<String, Object> configWithoutSecret() {
    Map<String, Object> config = MailFixtures.config();
    config.remove("accessKeySecret");
    return config;
  }

  @Test
  void adminSeesTheConfigurationWithoutItsSecretAndWithAnEtag() throws Exception {
    HttpResponse<String> response = get(admin);

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("ETag").isPresent());
    JsonNode config = JSON.readTree(response.body()).path("config");
    assertTrue(config.path("accessKeySecretSet").asBoolean());
    assertFalse(config.has("accessKeySecret"));
    assertFalse(
        response.body().contains(Doubles.DM_KEY_SECRET), "CFG-01: the secret is never returned");
    assertEquals(Doubles.DM_SENDER, config.path("accountName").asText());
  }

  @Test
  void signedOutIs401AndNonAdminIs403() {
    assertEquals(401, get(new CookieClient()).statusCode());

    Doubles.logto().setUser(TestUser.demo());
    CookieClient user = new CookieClient();
    SignIn.complete(user, "/sign-in");
    assertEquals(403, get(user).statusCode(), "CFG-01: non-admin");
  }

  /**
   * CFG-01: writes by a signed-out caller and by a signed-in user without the admin role, sent the
   * way the console sends them (same origin, the console header, the current ETag), are refused and
   * change nothing: no save, no validation answer, no mail.
   */
  @Test
  void signedOutAndNonAdminWritesAreRefusedAndChangeNothing() throws Exception {
    String etag = etag();
    Map<String, Object> changed = configWithoutSecret();
    changed.put("fromAlias", "Not An Admin");
    Doubles.logto().setUser(TestUser.demo());
    CookieClient user = new CookieClient();
    SignIn.complete(user, "/sign-in");

    for (CookieClient caller : List.of(new CookieClient(), user)) {
      int expected = caller == user ? 403 : 401;
      assertEquals(expected, send(caller, "PUT", CONFIG, changed, etag).statusCode(), "PUT");
      assertEquals(
          expected,
          send(caller, "POST", Servers.app("/api/admin/mail-config/validate"), changed, null)
              .statusCode(),
          "validate");
      assertEquals(
          expected,
          send(
                  caller,
                  "POST",
                  Servers.app("/api/admin/mail-config/test-send"),
                  Map.of("to", "victim@example.test"),
                  null)
              .statusCode(),
          "test-send");
    }

    assertEquals(etag, etag(), "the configuration is unchanged");
    assertEquals(List.of(), directMail.calls(), "no mail was sent");
  }

  private static HttpResponse<String> send(
      CookieClient caller, String method, URI uri, Object body, String etag) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    consoleHeaders(etag).forEach(request::header);
    return caller.send(request, uri);
  }

  @Test
  void invalidSaveListsEveryViolationByKeyAndKeepsTheOldConfiguration() throws Exception {
    String before = etag();
    Map<String, Object> bad = configWithoutSecret();
    bad.put("regionId", "mars-1");
    bad.put("accessKeySecret", "");
    bad.put("endpoint", "https://collector.evil.test/");
    bad.put("fromAlias", "An alias that is far too long");
    bad.put("templates", List.of(Map.of("usageType", "SignIn", "subject", "x", "content", "y")));

    HttpResponse<String> response = put(admin, bad, consoleHeaders(before));

    assertEquals(400, response.statusCode(), response.body());
    JsonNode violations = JSON.readTree(response.body()).path("details").path("violations");
    for (String key :
        List.of("regionId", "accessKeySecret", "endpoint", "fromAlias", "templates")) {
      assertTrue(violations.has(key), "violation for " + key + " in " + violations);
    }
    assertEquals(before, etag(), "the old configuration is still active");
    assertFalse(response.body().contains(Doubles.DM_KEY_SECRET));
  }

  @Test
  void saveWithoutIfMatchIs428AndWithAStaleEtagIs412() throws Exception {
    assertEquals(428, put(admin, configWithoutSecret(), consoleHeaders(null)).statusCode());
    assertEquals(412, put(admin, configWithoutSecret(), consoleHeaders("\"stale\"")).statusCode());
  }

  @Test
  void twoConcurrentSavesOfTheSameVersionOneWinsOneGets412() throws Exception {
    String etag = etag();
    Map<String, Object> first = configWithoutSecret();
    first.put("fromAlias", "First");
    Map<String, Object> second = configWithoutSecret();
    second.put("fromAlias", "Second");

    CompletableFuture<HttpResponse<String>> a =
        CompletableFuture.supplyAsync(
            () -> unchecked(() -> put(admin, first, consoleHeaders(etag))));
    CompletableFuture<HttpResponse<String>> b =
        CompletableFuture.supplyAsync(
            () -> unchecked(() -> put(admin, second, consoleHeaders(etag))));
    List<Integer> statuses = List.of(a.get().statusCode(), b.get().statusCode());

    assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "CFG-02: " + statuses);
    assertEquals(1, statuses.stream().filter(s -> s == 412).count(), "CFG-02: " + statuses);
    String alias = JSON.readTree(get(admin).body()).path("config").path("fromAlias").asText();
    assertTrue(alias.equals("First") || alias.equals("Second"));
  }

  @Test
  void saveWithoutTheSecretKeepsItAndTakesEffectForTheNextSend() throws Exception {
    Map<String, Object> changed = configWithoutSecret();
    changed.put("fromAlias", "Renamed");
    String before = etag();

    HttpResponse<String> saved = put(admin, changed, consoleHeaders(before));

    assertEquals(200, saved.statusCode(), saved.body());
    assertNotEquals(before, saved.headers().firstValue("ETag").orElseThrow());
    HttpResponse<String> test =
        post(
            "/api/admin/mail-config/test-send",
            Map.of("to", "ops@example.test"),
            consoleHeaders(null));
    assertEquals(200, test.statusCode(), test.body());
    assertEquals(
        "Renamed", directMail.accepted().get(0).fromAlias(), "signed with the kept secret");

    Path file = Servers.mailConfigFile();
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "CFG-03");
    JSON.readTree(Files.readString(file));
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      assertEquals(
          List.of(file.getFileName().toString()),
          siblings.map(p -> p.getFileName().toString()).toList(),
          "no temp file left");
    }
  }

  @Test
  void crossSiteWritesAreRefusedAndChangeNothing() throws Exception {
    String etag = etag();
    Map<String, Object> changed = configWithoutSecret();
    changed.put("fromAlias", "Hijacked");
    List<Map<String, String>> attacks =
        List.of(
            Map.of("If-Match", etag, "X-Requested-By", "x", "Origin", "http://evil.test"),
            Map.of("If-Match", etag, "X-Requested-By", "x", "Sec-Fetch-Site", "cross-site"),
            Map.of("If-Match", etag, "Origin", originOfApp()));

    for (Map<String, String> headers : attacks) {
      assertEquals(403, put(admin, changed, headers).statusCode(), "SES-10: " + headers);
    }
    assertEquals(etag, etag(), "unchanged");
  }

  @Test
  void validateChecksWithoutSaving() throws Exception {
    String etag = etag();
    Map<String, Object> bad = configWithoutSecret();
    bad.put("accountName", "a@x.test, b@y.test");

    HttpResponse<String> invalid =
        post("/api/admin/mail-config/validate", bad, consoleHeaders(null));
    HttpResponse<String> valid =
        post("/api/admin/mail-config/validate", configWithoutSecret(), consoleHeaders(null));

    assertEquals(400, invalid.statusCode());
    assertTrue(JSON.readTree(invalid.body()).path("details").path("violations").has("accountName"));
    assertEquals(200, valid.statusCode(), valid.body());
    assertEquals(etag, etag());
  }

  private interface Call<T> {
    T run() throws Exception;
  }

  private static <T> T unchecked(Call<T> call) {
    try {
      return call.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
