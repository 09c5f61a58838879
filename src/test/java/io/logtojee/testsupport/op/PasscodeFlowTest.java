package io.logtojee.testsupport.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test OP's passcode flow against a stand-in for the project's sender: a JDK server that
 * records what Logto's HTTP email connector would POST and answers as told.
 */
class PasscodeFlowTest {
  private static final String AUTH = "Bearer sender-token-0123456789";
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final String IP = "203.0.113.7";
  private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");

  /** One request the stand-in received; header names in lower case. */
  private record Received(
      String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    Map<String, Object> json() {
      return Json.readObject(body);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> payload() {
      return (Map<String, Object>) json().get("payload");
    }
  }

  private record Answer(int status, Map<String, String> headers, String body) {
    static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body);
    }
  }

  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private volatile Function<Received, Answer> answer = r -> Answer.of(204, "");
  private HttpServer mail;
  private TestOpenIdProvider op;

  @BeforeEach
  void start() throws IOException {
    mail = startServer();
    op = TestOpenIdProvider.start(0);
    op.setPasscodeClock(Clock.fixed(T0, ZoneOffset.UTC));
    op.configureHttpEmailConnector(mailUri("/logto/email"), AUTH);
  }

  @AfterEach
  void stop() {
    op.close();
    mail.stop(0);
  }

  // ---------------------------------------------------------------- request shape

  @Test
  void requestForRegisteredAddressPostsConnectorJsonWithUser() {
    TestUser alice = op.registerEmailUser(ALICE);
    answer = r -> Answer.of(200, "{\"ok\":true}");

    PasscodeResult result = op.requestPasscode(ALICE, "SignIn", "fr-CA", IP);

    assertEquals(200, result.status());
    assertNull(result.errorCode());
    assertTrue(result.succeeded());
    assertTrue(result.endpointCalled());
    assertEquals(200, result.endpointStatus());
    assertEquals("{\"ok\":true}", result.endpointBody());
    assertTrue(result.elapsedNanos() > 0);
    assertTrue(result.code().matches("\\d{6}"), result.code());

    Received r = only();
    assertEquals("POST", r.method());
    assertEquals("/logto/email", r.path());
    assertEquals("application/json", r.header("content-type"));
    assertEquals(AUTH, r.header("authorization"));
    assertEquals("got (https://github.com/sindresorhus/got)", r.header("user-agent"));
    assertEquals(
        List.of("to", "type", "payload", "ip"), List.copyOf(r.json().keySet()), "key order");
    assertEquals(ALICE, r.json().get("to"));
    assertEquals("SignIn", r.json().get("type"));
    assertEquals(IP, r.json().get("ip"));
    Map<String, Object> payload = r.payload();
    assertEquals(List.of("code", "locale", "application", "user"), List.copyOf(payload.keySet()));
    assertEquals(result.code(), payload.get("code"));
    assertEquals("fr-CA", payload.get("locale"));
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("id", "demo-app");
    app.put("name", "Demo App");
    app.put("branding", Map.of());
    app.put("displayName", "Demo App");
    assertEquals(app, payload.get("application"));
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", alice.sub());
    user.put("avatar", null);
    user.put("name", null);
    user.put("primaryEmail", ALICE);
    user.put("primaryPhone", null);
    user.put("username", null);
    user.put("profile", Map.of());
    assertEquals(user, payload.get("user"));
    assertTrue(op.requests().isEmpty(), "outbound calls are not in the OP's request log");
  }

  @Test
  void unregisteredAddressWithoutAuthorizationOrIpSendsNeither() {
    op.registerEmailUser(ALICE);
    op.configureHttpEmailConnector(mailUri("/logto/email"), null);

    assertTrue(op.requestPasscode(BOB, "Register", "en", "").succeeded());
    assertTrue(op.requestPasscode(BOB, "Register", null, null).succeeded());

    List<Received> all = List.copyOf(received);
    assertEquals(2, all.size());
    for (Received r : all) {
      assertNull(r.header("authorization"));
      assertEquals(List.of("to", "type", "payload"), List.copyOf(r.json().keySet()));
      assertFalse(r.payload().containsKey("user"));
    }
    assertEquals(
        List.of("code", "locale", "application"), List.copyOf(all.get(0).payload().keySet()));
    assertEquals(List.of("code", "application"), List.copyOf(all.get(1).payload().keySet()));
    assertEquals(Set.of(ALICE), op.registeredEmails());
  }

  @Test
  void withoutUserContextRegisteredAndUnregisteredMailsDifferOnlyInAddressAndCode() {
    op.registerEmailUser(ALICE);
    op.setPasscodeUserContext(false);
    op.setPasscodeApplication(null, null, null);

    op.requestPasscode(ALICE, "SignIn", "en", IP);
    op.requestPasscode(BOB, "SignIn", "en", IP);

    List<Received> all = List.copyOf(received);
    assertEquals(
        all.get(0).body().replace(ALICE, "X").replaceAll("\\d{6}", "C"),
        all.get(1).body().replace(BOB, "X").replaceAll("\\d{6}", "C"));
    assertEquals(List.of("code", "locale"), List.copyOf(all.get(0).payload().keySet()));
  }

  @Test
  void redirectsAreFollowedLikeGot() throws IOException {
    answer =
        r ->
            switch (r.path()) {
              case "/307" -> new Answer(307, Map.of("Location", "/final"), "");
              case "/303" -> new Answer(303, Map.of("Location", "/final"), "");
              default -> Answer.of(204, "");
            };
    op.configureHttpEmailConnector(mailUri("/307"), AUTH);
    assertTrue(op.requestPasscode(ALICE, "SignIn", "en", IP).succeeded());
    List<Received> kept = List.copyOf(received);
    assertEquals("POST", kept.get(1).method(), "307 keeps the method");
    assertEquals(kept.get(0).body(), kept.get(1).body());
    assertEquals(AUTH, kept.get(1).header("authorization"));

    received.clear();
    op.configureHttpEmailConnector(mailUri("/303"), AUTH);
    assertTrue(op.requestPasscode(ALICE, "SignIn", "en", IP).succeeded());
    Received rewritten = List.copyOf(received).get(1);
    assertEquals("GET", rewritten.method(), "303 becomes a GET");
    assertEquals("", rewritten.body());

    HttpServer other = startServer();
    try {
      received.clear();
      answer =
          r ->
              r.path().equals("/away")
                  ? new Answer(302, Map.of("Location", uri(other, "/elsewhere").toString()), "")
                  : Answer.of(204, "");
      op.configureHttpEmailConnector(mailUri("/away"), AUTH);
      assertTrue(op.requestPasscode(ALICE, "SignIn", "en", IP).succeeded());
      List<Received> moved = List.copyOf(received);
      assertEquals("/elsewhere", moved.get(1).path());
      assertEquals("POST", moved.get(1).method(), "302 keeps POST (no methodRewriting)");
      assertNull(moved.get(1).header("authorization"), "dropped for another port");
    } finally {
      other.stop(0);
    }
  }

  // ---------------------------------------------------------------- Logto's send cap

  @Test
  void eleventhSendInTenMinutesIsRateLimitedAndNotSent() {
    for (int i = 0; i < 10; i++) {
      assertTrue(op.requestPasscode(ALICE, "SignIn", "en", IP).succeeded(), "send " + (i + 1));
    }
    String live = List.copyOf(received).get(9).payload().get("code").toString();

    PasscodeResult limited = op.requestPasscode(ALICE, "SignIn", "en", IP);

    assertEquals(429, limited.status());
    assertEquals(PasscodeResult.MESSAGE_RATE_LIMITED, limited.errorCode());
    assertFalse(limited.endpointCalled());
    assertNull(limited.code());
    assertEquals(
        429,
        op.requestPasscode(" Alice@Example.TEST ", "Register", "en", IP).status(),
        "one bucket per trimmed, lower-cased recipient, across types");
    assertEquals(10, received.size(), "the 11th and 12th were not sent");
    assertTrue(
        op.verifyPasscode(ALICE, "SignIn", live).verified(), "a rejected request keeps the code");

    assertTrue(op.requestPasscode(BOB, "SignIn", "en", IP).succeeded(), "per recipient");
    op.advancePasscodeClock(Duration.ofSeconds(599));
    assertEquals(429, op.requestPasscode(ALICE, "SignIn", "en", IP).status());
    op.advancePasscodeClock(Duration.ofSeconds(1));
    assertTrue(op.requestPasscode(ALICE, "SignIn", "en", IP).succeeded(), "window passed");
  }

  @Test
  void failedSendsAreConnectorGeneralAndNotCounted() {
    answer = r -> Answer.of(500, "mail service unavailable");
    for (int i = 0; i < 10; i++) {
      PasscodeResult failed = op.requestPasscode(ALICE, "SignIn", "en", IP);
      assertEquals(400, failed.status());
      assertEquals(PasscodeResult.CONNECTOR_GENERAL, failed.errorCode());
      assertEquals("{\"message\":\"mail service unavailable\"}", failed.errorDescription());
      assertEquals(500, failed.endpointStatus());
      assertEquals("mail service unavailable", failed.endpointBody());
    }
    answer = r -> Answer.of(429, "slow down");
    assertEquals(
        PasscodeResult.CONNECTOR_GENERAL,
        op.requestPasscode(ALICE, "SignIn", "en", IP).errorCode());

    answer = r -> Answer.of(202, "");
    for (int i = 0; i < 10; i++) {
      assertTrue(op.requestPasscode(ALICE, "SignIn", "en", IP).succeeded(), "send " + (i + 1));
    }
    assertEquals(429, op.requestPasscode(ALICE, "SignIn", "en", IP).status());
    assertEquals(21, received.size());
  }

  @Test
  void unreachableEndpointIsConnectorGeneral() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    op.configureHttpEmailConnector(URI.create("http://127.0.0.1:" + closedPort + "/x"), AUTH);

    PasscodeResult result = op.requestPasscode(ALICE, "SignIn", "en", IP);

    assertEquals(400, result.status());
    assertEquals(PasscodeResult.CONNECTOR_GENERAL, result.errorCode());
    assertEquals(0, result.endpointStatus());
  }

  @Test
  void withoutConnectorOrWithUnknownTypeNothingIsSent() {
    TestOpenIdProvider bare = TestOpenIdProvider.start(0);
    try {
      PasscodeResult none = bare.requestPasscode(ALICE, "SignIn", "en", IP);
      assertEquals(501, none.status());
      assertEquals(PasscodeResult.CONNECTOR_NOT_FOUND, none.errorCode());
    } finally {
      bare.close();
    }
    PasscodeResult unknown = op.requestPasscode(ALICE, "Test", "en", IP);
    assertEquals(400, unknown.status());
    assertEquals(PasscodeResult.CONNECTOR_INVALID_CONFIG, unknown.errorCode());
    assertTrue(received.isEmpty());
  }

  // ---------------------------------------------------------------- Logto's code rules

  @Test
  void tenWrongCodesThenEvenTheRightCodeExceedsMaxTry() {
    String code = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    String wrong = wrong(code);

    for (int i = 1; i <= 10; i++) {
      VerifyResult result = op.verifyPasscode(ALICE, "SignIn", wrong);
      assertEquals(400, result.status());
      assertEquals(VerifyResult.CODE_MISMATCH, result.errorCode(), "try " + i);
      assertEquals(i, result.failedAttempts());
    }
    VerifyResult eleventh = op.verifyPasscode(ALICE, "SignIn", wrong);
    assertEquals(VerifyResult.EXCEED_MAX_TRY, eleventh.errorCode());
    assertEquals(10, eleventh.failedAttempts());
    VerifyResult right = op.verifyPasscode(ALICE, "SignIn", code);
    assertFalse(right.verified());
    assertEquals(VerifyResult.EXCEED_MAX_TRY, right.errorCode());
  }

  @Test
  void codeIsValidFor600SecondsThenExpired() {
    String first = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    op.advancePasscodeClock(Duration.ofSeconds(600));
    assertTrue(op.verifyPasscode(ALICE, "SignIn", first).verified(), "600 s is still valid");

    String second = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    op.advancePasscodeClock(Duration.ofSeconds(600).plusMillis(1));
    VerifyResult late = op.verifyPasscode(ALICE, "SignIn", second);
    assertEquals(400, late.status());
    assertEquals(VerifyResult.EXPIRED, late.errorCode());
    assertEquals(
        VerifyResult.EXPIRED, op.verifyPasscode(ALICE, "SignIn", wrong(second)).errorCode());
  }

  @Test
  void correctCodeWorksOnceThenIsNotFound() {
    String code = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    assertEquals(
        VerifyResult.CODE_MISMATCH, op.verifyPasscode(ALICE, "SignIn", wrong(code)).errorCode());

    VerifyResult ok = op.verifyPasscode(ALICE, "SignIn", code);
    assertTrue(ok.verified());
    assertEquals(200, ok.status());
    assertEquals(1, ok.failedAttempts());

    VerifyResult reused = op.verifyPasscode(ALICE, "SignIn", code);
    assertEquals(400, reused.status());
    assertEquals(VerifyResult.NOT_FOUND, reused.errorCode());
  }

  @Test
  void newRequestReplacesTheCodeAndItsTries() {
    String old = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    for (int i = 0; i < 9; i++) {
      op.verifyPasscode(ALICE, "SignIn", wrong(old));
    }
    String fresh = old;
    while (fresh.equals(old)) {
      fresh = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    }

    assertEquals(VerifyResult.CODE_MISMATCH, op.verifyPasscode(ALICE, "SignIn", old).errorCode());
    VerifyResult ok = op.verifyPasscode(ALICE, "SignIn", fresh);
    assertTrue(ok.verified(), "tries start again at 0");
    assertEquals(1, ok.failedAttempts());
  }

  @Test
  void codesAreKeptPerAddressAndType() {
    String signIn = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    String register = op.requestPasscode(ALICE, "Register", "en", IP).code();

    assertEquals(VerifyResult.NOT_FOUND, op.verifyPasscode(BOB, "SignIn", signIn).errorCode());
    assertEquals(
        VerifyResult.NOT_FOUND, op.verifyPasscode(ALICE, "ForgotPassword", signIn).errorCode());
    assertTrue(op.verifyPasscode(ALICE, "Register", register).verified());
    assertTrue(op.verifyPasscode(ALICE, "SignIn", signIn).verified());
  }

  @Test
  void resetForgetsCodesAndSendCounts() {
    String code = op.requestPasscode(ALICE, "SignIn", "en", IP).code();
    for (int i = 0; i < 9; i++) {
      op.requestPasscode(BOB, "SignIn", "en", IP);
    }
    op.advancePasscodeClock(Duration.ofSeconds(30));

    op.reset();

    assertEquals(T0, op.passcodeNow());
    assertEquals(VerifyResult.NOT_FOUND, op.verifyPasscode(ALICE, "SignIn", code).errorCode());
    assertTrue(op.requestPasscode(BOB, "SignIn", "en", IP).succeeded());
    assertTrue(op.requestPasscode(BOB, "SignIn", "en", IP).succeeded());
  }

  // ---------------------------------------------------------------- control API

  @Test
  void controlCallsDriveTheFlowAndAreNotLogged() throws Exception {
    op.configureHttpEmailConnector(URI.create("http://127.0.0.1:1/unused"), null);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Map<String, Object> configured =
        control(
            http,
            "connector",
            "endpoint="
                + OpHttp.encode(mailUri("/ctl").toString())
                + "&authorization="
                + OpHttp.encode(AUTH));
    assertEquals(true, configured.get("ok"));
    assertNotNull(control(http, "users", "email=" + OpHttp.encode(ALICE)).get("id"));

    Map<String, Object> sent =
        control(http, "request", "email=" + OpHttp.encode(ALICE) + "&locale=en&ip=" + IP);
    assertEquals(200, sent.get("status"));
    assertEquals(204, sent.get("endpointStatus"));
    String code = (String) sent.get("code");
    Received r = only();
    assertEquals("/ctl", r.path());
    assertEquals(AUTH, r.header("authorization"));
    assertEquals("SignIn", r.json().get("type"));
    assertTrue(r.payload().containsKey("user"));

    Map<String, Object> wrong =
        control(http, "verify", "email=" + OpHttp.encode(ALICE) + "&code=" + wrong(code));
    assertEquals(false, wrong.get("verified"));
    assertEquals(VerifyResult.CODE_MISMATCH, wrong.get("errorCode"));
    Map<String, Object> clock = control(http, "clock", "advance=601");
    assertEquals(T0.plusSeconds(601).toString(), clock.get("now"));
    Map<String, Object> late =
        control(http, "verify", "email=" + OpHttp.encode(ALICE) + "&code=" + code);
    assertEquals(VerifyResult.EXPIRED, late.get("errorCode"));

    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(URI.create(op.endpoint() + "/__control/passcode/verify"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, missing.statusCode());
    assertTrue(op.requests().isEmpty(), "control calls carry codes and are not logged");
  }

  // ---------------------------------------------------------------- helpers

  private Received only() {
    assertEquals(1, received.size(), "requests to the email endpoint");
    return received.peek();
  }

  private static String wrong(String code) {
    char last = code.charAt(code.length() - 1);
    return code.substring(0, code.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
  }

  private Map<String, Object> control(HttpClient http, String action, String form)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(op.endpoint() + "/__control/passcode/" + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return Json.readObject(response.body());
  }

  private URI mailUri(String path) {
    return uri(mail, path);
  }

  private static URI uri(HttpServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private HttpServer startServer() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::record);
    server.start();
    return server;
  }

  private void record(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Received r =
          new Received(
              exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
      received.add(r);
      Answer a = answer.apply(r);
      a.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
