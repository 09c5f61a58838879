package io.logtojee.mail.aliyun;

import static io.logtojee.mail.aliyun.DirectMailTestBed.SECRET;
import static io.logtojee.mail.aliyun.DirectMailTestBed.mail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.FakeDirectMailScenario;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One HTTP exchange: what goes on the wire, and whether a failure may be retried. Answers the fake
 * never gives (redirects, foreign pages, oversized bodies) come from a {@link ScriptedServer}, both
 * through the client and on a single exchange.
 */
class DirectMailExchangeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private DirectMailTestBed bed;
  private FakeDirectMail fake;
  private DirectMailClient client;
  private DirectMailExchange exchange;

  @BeforeEach
  void start() throws IOException {
    bed = new DirectMailTestBed();
    fake = bed.fake;
    client = bed.client;
    DirectMailClient.Options defaults = DirectMailClient.Options.defaults();
    exchange = new DirectMailExchange(defaults.connectTimeout(), defaults.maxResponseBytes());
  }

  @AfterEach
  void stop() {
    exchange.close();
    bed.close();
  }

  private MailException failure(DirectMailTarget target) {
    return assertThrows(MailException.class, () -> client.send(target, mail()));
  }

  private static DirectMailRequestBuilder.SignedForm form(DirectMailTarget target, String nonce) {
    return DirectMailRequestBuilder.sign(target, mail(), nonce, Instant.now());
  }

  private static DirectMailAttempt.Failed failed(DirectMailAttempt attempt) {
    return assertInstanceOf(DirectMailAttempt.Failed.class, attempt);
  }

  @Test
  void postsTheSignedFormAsUtf8FormBody() throws IOException {
    try (ScriptedServer server =
        new ScriptedServer(200, "{\"EnvId\":\"e-1\",\"RequestId\":\"r-1\"}", Map.of())) {
      DirectMailRequestBuilder.SignedForm form = form(server.target(), "nonce-1");
      DirectMailAttempt attempt = exchange.post(server.uri(), form, TIMEOUT);

      DirectMailAttempt.Accepted accepted =
          assertInstanceOf(DirectMailAttempt.Accepted.class, attempt);
      assertEquals("e-1", accepted.receipt().envId());
      assertEquals("r-1", accepted.receipt().requestId());
      assertEquals(
          "POST application/x-www-form-urlencoded; charset=UTF-8\n" + form.body(),
          server.lastRequest());
      assertEquals(1, server.calls());
    }
  }

  @Test
  void aSignedFormIsAcceptedByTheFake() {
    DirectMailAttempt attempt =
        exchange.post(fake.baseUri(), form(bed.target(SECRET), "nonce-2"), TIMEOUT);
    assertInstanceOf(DirectMailAttempt.Accepted.class, attempt);
    assertEquals("nonce-2", fake.calls().get(0).nonce());
  }

  @Test
  void aConnectFailureIsRetriableBecauseNothingWasSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");
    DirectMailAttempt.Failed failed =
        failed(exchange.post(nowhere, form(bed.target(SECRET), "nonce-3"), TIMEOUT));
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, failed.error().code());
    assertTrue(failed.retriable());
    assertFalse(failed.throttled());
  }

  @Test
  void aReadTimeoutIsAnUnknownOutcomeThatIsNotRetriable() throws InterruptedException {
    fake.setScenario(FakeDirectMailScenario.ACCEPT_THEN_HANG);
    try {
      DirectMailAttempt.Failed failed =
          failed(
              exchange.post(
                  fake.baseUri(), form(bed.target(SECRET), "nonce-4"), Duration.ofMillis(300)));
      assertEquals(MailErrorCode.OUTCOME_UNKNOWN, failed.error().code());
      assertFalse(failed.retriable());
      assertTrue(fake.awaitAccepted(1, Duration.ofSeconds(5)));
    } finally {
      fake.releaseHeld();
    }
  }

  @Test
  void aConnectionDroppedAfterSendingIsAnUnknownOutcomeThatIsNotRetriable() {
    fake.setScenario(FakeDirectMailScenario.ACCEPT_THEN_RESET);
    DirectMailAttempt.Failed failed =
        failed(exchange.post(fake.baseUri(), form(bed.target(SECRET), "nonce-5"), TIMEOUT));
    assertEquals(MailErrorCode.OUTCOME_UNKNOWN, failed.error().code());
    assertFalse(failed.retriable());
    assertEquals(1, fake.accepted().size());
  }

  @Test
  void redirectsAreNotFollowed() throws IOException {
    try (ScriptedServer server =
        new ScriptedServer(302, "", Map.of("Location", fake.baseUri().toString()))) {
      MailException e = failure(server.target());
      assertEquals(MailErrorCode.PROVIDER_REJECTED, e.code());
      assertEquals(1, server.calls());
      assertEquals(0, fake.callCount());

      DirectMailAttempt.Failed failed =
          failed(exchange.post(server.uri(), form(server.target(), "nonce-6"), TIMEOUT));
      assertEquals(MailErrorCode.PROVIDER_REJECTED, failed.error().code());
      assertFalse(failed.retriable());
      assertEquals(2, server.calls());
      assertEquals(0, fake.callCount());
    }
  }

  @Test
  void aSuccessWithoutEnvIdIsAnUnknownOutcome() throws IOException {
    try (ScriptedServer server = new ScriptedServer(200, "<html>maintenance</html>", Map.of())) {
      MailException e = failure(server.target());
      assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
      assertEquals(1, server.calls());
    }
  }

  @Test
  void anOversizedAnswerIsCutOffAndTreatedAsUnreadable() throws IOException {
    String huge = "{\"EnvId\":\"1\",\"RequestId\":\"2\",\"pad\":\"" + "x".repeat(200_000) + "\"}";
    try (ScriptedServer server = new ScriptedServer(200, huge, Map.of())) {
      MailException e = failure(server.target());
      assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
    }
  }
}
