package io.logtojee.mail.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.FakeDirectMailScenario;
import io.logtojee.testsupport.dm.ReceivedCall;
import io.logtojee.testsupport.dm.RecordedMail;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the fake: success, error mapping by Code, and the retry rules. */
class DirectMailClientTest {
  private static final String KEY_ID = "client-test-key";
  private static final String SECRET = "client-test-secret";

  private final MutableClock clock = new MutableClock(Instant.now());
  private final List<String> nonces = new CopyOnWriteArrayList<>();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Supplier<String> recordingNonces =
      () -> {
        String nonce = UUID.randomUUID().toString();
        nonces.add(nonce);
        return nonce;
      };
  private FakeDirectMail fake;
  private DirectMailClient client;

  @BeforeEach
  void start() throws IOException {
    fake = new FakeDirectMail(clock).addKey(KEY_ID, SECRET).start(0);
    client = client(DirectMailClient.Options.defaults());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private DirectMailClient client(DirectMailClient.Options options) {
    return new DirectMailClient(options, clock, recordingNonces, sleeps::add);
  }

  private DirectMailTarget target(String secret) {
    return new DirectMailTarget(fake.baseUri(), "cn-hangzhou", KEY_ID, secret);
  }

  private static SingleSendMail mail() {
    return new SingleSendMail(
        "noreply@mail.example.com",
        "Example",
        "user@example.com",
        "Your code: 中文 & more",
        "<p>Your code is 123456. a+b=c, 100% ~ *</p>");
  }

  private MailException failure(DirectMailClient client, DirectMailTarget target) {
    return assertThrows(MailException.class, () -> client.send(target, mail()));
  }

  @Test
  void aSuccessfulSendReturnsTheEnvIdAndRequestIdAndSendsLogtosParameters() {
    SendReceipt receipt = client.send(target(SECRET), mail());

    RecordedMail recorded = fake.accepted().get(0);
    assertEquals(new SendReceipt(recorded.envId(), recorded.requestId()), receipt);
    assertEquals("user@example.com", recorded.toAddress());
    assertEquals("Your code: 中文 & more", recorded.subject());
    assertEquals("<p>Your code is 123456. a+b=c, 100% ~ *</p>", recorded.htmlBody());
    assertEquals("Example", recorded.fromAlias());
    assertEquals("noreply@mail.example.com", recorded.accountName());
    Map<String, String> p = recorded.parameters();
    assertEquals("SingleSendMail", p.get("Action"));
    assertEquals("JSON", p.get("Format"));
    assertEquals("2015-11-23", p.get("Version"));
    assertEquals("1", p.get("AddressType"));
    assertEquals("false", p.get("ReplyToAddress"));
    assertEquals("cn-hangzhou", p.get("RegionId"));
    assertEquals("HMAC-SHA1", p.get("SignatureMethod"));
    assertEquals("1.0", p.get("SignatureVersion"));
    assertTrue(
        p.get("Timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
        p.get("Timestamp"));
    assertEquals(nonces.get(0), p.get("SignatureNonce"));
    assertFalse(
        p.containsKey("TagName") || p.containsKey("ClickTrace") || p.containsKey("TextBody"));
    assertEquals(1, fake.callCount());
  }

  @Test
  void anEmptyFromAliasIsNotSent() {
    client.send(
        target(SECRET), new SingleSendMail("noreply@mail.example.com", null, "u@x.test", "s", "b"));
    assertFalse(fake.accepted().get(0).parameters().containsKey("FromAlias"));
  }

  @Test
  void invalidToAddressIsAnInvalidRecipientWithoutRetry() {
    fake.setScenario(FakeDirectMailScenario.INVALID_TO_ADDRESS);
    MailException e = failure(client, target(SECRET));
    assertEquals(MailErrorCode.INVALID_RECIPIENT, e.code());
    assertEquals("InvalidToAddress", e.providerCode().orElseThrow());
    assertTrue(e.providerRequestId().isPresent());
    assertEquals(1, fake.callCount());
  }

  @Test
  void spamIsRejectedWithoutRetry() {
    fake.setScenario(FakeDirectMailScenario.SPAM);
    MailException e = failure(client, target(SECRET));
    assertEquals(MailErrorCode.PROVIDER_REJECTED, e.code());
    assertEquals("InvalidSendMail.Spam", e.providerCode().orElseThrow());
    assertEquals(1, fake.callCount());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void anUnknownSenderIsAConfigError() {
    fake.setScenario(FakeDirectMailScenario.SENDER_NOT_FOUND);
    MailException e = failure(client, target(SECRET));
    assertEquals(MailErrorCode.INVALID_CONFIG, e.code());
    assertEquals(1, fake.callCount());
  }

  @Test
  void throttlingIsRetriedOnceAfterABackOffWithANewNonce() {
    fake.setScenario(FakeDirectMailScenario.THROTTLING_USER);
    MailException e = failure(client, target(SECRET));
    assertEquals(MailErrorCode.RATE_LIMITED, e.code());
    assertEquals(2, fake.callCount());
    assertDistinctNonces();
    assertEquals(1, sleeps.size());
    DirectMailClient.Options defaults = DirectMailClient.Options.defaults();
    assertTrue(sleeps.get(0).compareTo(defaults.throttlingBackoffMin()) >= 0);
    assertTrue(sleeps.get(0).compareTo(defaults.throttlingBackoffMax()) <= 0);
  }

  @Test
  void throttlingThenSuccessSends() {
    fake.nextCalls(FakeDirectMailScenario.THROTTLING_USER, 1);
    client.send(target(SECRET), mail());
    assertEquals(1, fake.accepted().size());
    assertEquals(2, fake.callCount());
  }

  @Test
  void http500IsRetriedOnceWithANewNonceAndThenUnavailable() {
    fake.setScenario(FakeDirectMailScenario.HTTP_500);
    MailException e = failure(client, target(SECRET));
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, e.code());
    assertEquals("InternalError", e.providerCode().orElseThrow());
    assertEquals(2, fake.callCount());
    assertDistinctNonces();
    assertTrue(sleeps.isEmpty(), "server errors are retried at once");
  }

  @Test
  void http503ThenSuccessSendsOnTheRetry() {
    fake.nextCalls(FakeDirectMailScenario.HTTP_503, 1);
    SendReceipt receipt = client.send(target(SECRET), mail());
    assertEquals(fake.accepted().get(0).envId(), receipt.envId());
    assertEquals(2, fake.callCount());
    assertDistinctNonces();
    List<ReceivedCall> calls = fake.calls();
    assertEquals(503, calls.get(0).status());
    assertEquals(200, calls.get(1).status());
  }

  @Test
  void aConnectFailureIsRetriedOnceWithANewNonce() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    DirectMailTarget nowhere =
        new DirectMailTarget(
            URI.create("http://127.0.0.1:" + closedPort + "/"), "cn-hangzhou", KEY_ID, SECRET);
    MailException e = failure(client, nowhere);
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, e.code());
    assertEquals(2, nonces.size());
    assertDistinctNonces();
  }

  @Test
  void aReadTimeoutIsAnUnknownOutcomeAndNeverRetried() throws InterruptedException {
    fake.setScenario(FakeDirectMailScenario.ACCEPT_THEN_HANG);
    DirectMailClient impatient =
        client(DirectMailClient.Options.defaults().withRequestTimeout(Duration.ofMillis(300)));
    try {
      MailException e = failure(impatient, target(SECRET));
      assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
      assertTrue(fake.awaitAccepted(1, Duration.ofSeconds(5)));
      assertEquals(1, fake.callCount());
      assertEquals(1, nonces.size());
    } finally {
      fake.releaseHeld();
      impatient.close();
    }
  }

  @Test
  void aConnectionDroppedAfterSendingIsAnUnknownOutcomeAndNeverRetried() {
    fake.setScenario(FakeDirectMailScenario.ACCEPT_THEN_RESET);
    MailException e = failure(client, target(SECRET));
    assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
    assertEquals(1, fake.callCount());
    assertEquals(1, fake.accepted().size());
  }

  @Test
  void aWrongSecretFailsTheSignatureCheckAndIsNotRetried() {
    MailException e = failure(client, target("not-the-secret"));
    assertEquals(MailErrorCode.INVALID_CONFIG, e.code());
    assertEquals("SignatureDoesNotMatch", e.providerCode().orElseThrow());
    assertFalse(e.getMessage().contains("123456"), "the provider's message quotes the form");
    assertEquals(1, fake.callCount());
  }

  @Test
  void anUnknownKeyIsAConfigError() {
    DirectMailTarget unknown =
        new DirectMailTarget(fake.baseUri(), "cn-hangzhou", "nobody", SECRET);
    assertEquals(MailErrorCode.INVALID_CONFIG, failure(client, unknown).code());
  }

  @Test
  void anIdenticalReplayGetsSignatureNonceUsed() {
    DirectMailClient replaying =
        new DirectMailClient(
            DirectMailClient.Options.defaults(), clock, () -> "fixed-nonce", sleeps::add);
    try {
      replaying.send(target(SECRET), mail());
      MailException e = failure(replaying, target(SECRET));
      assertEquals("SignatureNonceUsed", e.providerCode().orElseThrow());
      assertEquals(MailErrorCode.PROVIDER_REJECTED, e.code());
      assertEquals(1, fake.accepted().size());
      assertEquals(fake.calls().get(0).parameters(), fake.calls().get(1).parameters());
    } finally {
      replaying.close();
    }
  }

  @Test
  void aClockFifteenMinutesOffIsRejected() {
    DirectMailClient fromThePast =
        new DirectMailClient(
            DirectMailClient.Options.defaults(),
            new MutableClock(Instant.now().minus(Duration.ofMinutes(30))),
            recordingNonces,
            sleeps::add);
    try {
      MailException e = failure(fromThePast, target(SECRET));
      assertEquals("InvalidTimeStamp.Expired", e.providerCode().orElseThrow());
      assertEquals(1, fake.callCount());
    } finally {
      fromThePast.close();
    }
  }

  @Test
  void redirectsAreNotFollowed() throws IOException {
    try (ScriptedServer server =
        new ScriptedServer(302, "", Map.of("Location", fake.baseUri().toString()))) {
      MailException e = failure(client, server.target());
      assertEquals(MailErrorCode.PROVIDER_REJECTED, e.code());
      assertEquals(1, server.calls());
      assertEquals(0, fake.callCount());
    }
  }

  @Test
  void aSuccessWithoutEnvIdIsAnUnknownOutcome() throws IOException {
    try (ScriptedServer server = new ScriptedServer(200, "<html>maintenance</html>", Map.of())) {
      MailException e = failure(client, server.target());
      assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
      assertEquals(1, server.calls());
    }
  }

  @Test
  void anOversizedAnswerIsCutOffAndTreatedAsUnreadable() throws IOException {
    String huge = "{\"EnvId\":\"1\",\"RequestId\":\"2\",\"pad\":\"" + "x".repeat(200_000) + "\"}";
    try (ScriptedServer server = new ScriptedServer(200, huge, Map.of())) {
      MailException e = failure(client, server.target());
      assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
    }
  }

  @Test
  void anUnreadableServerErrorIsRetriedAsUnavailable() throws IOException {
    try (ScriptedServer server = new ScriptedServer(502, "Bad Gateway", Map.of())) {
      MailException e = failure(client, server.target());
      assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, e.code());
      assertEquals(2, server.calls());
    }
  }

  @Test
  void noRetryOnceTheDeadlineIsSpent() {
    fake.setScenario(FakeDirectMailScenario.HTTP_503);
    DirectMailClient hurried =
        client(DirectMailClient.Options.defaults().withTotalDeadline(Duration.ofMillis(900)));
    try {
      assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, failure(hurried, target(SECRET)).code());
      assertEquals(1, fake.callCount());
    } finally {
      hurried.close();
    }
  }

  @Test
  void theTargetNeverPrintsItsSecret() {
    assertFalse(target(SECRET).toString().contains(SECRET));
  }

  private void assertDistinctNonces() {
    List<String> sent = new ArrayList<>();
    fake.calls().forEach(c -> sent.add(c.nonce()));
    List<String> used = sent.isEmpty() ? nonces : sent;
    assertEquals(used.size(), used.stream().distinct().count(), used.toString());
    if (used.size() == 2) {
      assertNotEquals(used.get(0), used.get(1));
    }
  }

  /** A server that answers every request the same way and counts them. */
  private static final class ScriptedServer implements AutoCloseable {
    private final HttpServer server;
    private final java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();

    ScriptedServer(int status, String body, Map<String, String> headers) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              calls.incrementAndGet();
              exchange.getRequestBody().readAllBytes();
              headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
              if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                  out.write(bytes);
                } catch (IOException e) {
                  // the client may stop reading once it has enough
                }
              }
            }
          });
      server.start();
    }

    DirectMailTarget target() {
      return new DirectMailTarget(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
          "cn-hangzhou",
          KEY_ID,
          SECRET);
    }

    int calls() {
      return calls.get();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
