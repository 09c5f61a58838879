package io.logtojee.mail.aliyun;

import static io.logtojee.mail.aliyun.DirectMailTestBed.KEY_ID;
import static io.logtojee.mail.aliyun.DirectMailTestBed.SECRET;
import static io.logtojee.mail.aliyun.DirectMailTestBed.mail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.LogCapture;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.FakeDirectMailScenario;
import io.logtojee.testsupport.dm.ReceivedCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry rules, through the client: at most one retry, with a new nonce, after a connect
 * failure, a 5xx or throttling; never after a timeout or a lost answer. A failure after a 5xx may
 * have been sent, whatever the retry brings.
 */
class DirectMailRetryTest {
  private DirectMailTestBed bed;
  private FakeDirectMail fake;
  private DirectMailClient client;

  @BeforeEach
  void start() throws IOException {
    bed = new DirectMailTestBed();
    fake = bed.fake;
    client = bed.client;
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private MailException failure(DirectMailClient client, DirectMailTarget target) {
    return assertThrows(MailException.class, () -> client.send(target, mail()));
  }

  @Test
  void throttlingIsRetriedOnceAfterABackOffWithANewNonce() {
    fake.setScenario(FakeDirectMailScenario.THROTTLING_USER);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.RATE_LIMITED, e.code());
    assertFalse(e.mayHaveBeenSent(), "DirectMail refused both attempts outright");
    assertEquals(2, fake.callCount());
    bed.assertDistinctNonces();
    assertEquals(1, bed.sleeps.size());
    DirectMailClient.Options defaults = DirectMailClient.Options.defaults();
    assertTrue(bed.sleeps.get(0).compareTo(defaults.throttlingBackoffMin()) >= 0);
    assertTrue(bed.sleeps.get(0).compareTo(defaults.throttlingBackoffMax()) <= 0);
  }

  @Test
  void throttlingThenSuccessSends() {
    fake.nextCalls(FakeDirectMailScenario.THROTTLING_USER, 1);
    client.send(bed.target(SECRET), mail());
    assertEquals(1, fake.accepted().size());
    assertEquals(2, fake.callCount());
  }

  @Test
  void http500IsRetriedOnceWithANewNonceAndThenUnavailable() {
    fake.setScenario(FakeDirectMailScenario.HTTP_500);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, e.code());
    assertEquals("InternalError", e.providerCode().orElseThrow());
    assertTrue(e.mayHaveBeenSent(), "either attempt may have taken the mail");
    assertEquals(2, fake.callCount());
    bed.assertDistinctNonces();
    assertTrue(bed.sleeps.isEmpty(), "server errors are retried at once");
  }

  @Test
  void http503ThenSuccessSendsOnTheRetry() {
    fake.nextCalls(FakeDirectMailScenario.HTTP_503, 1);
    SendReceipt receipt = client.send(bed.target(SECRET), mail());
    assertEquals(fake.accepted().get(0).envId(), receipt.envId());
    assertEquals(2, fake.callCount());
    bed.assertDistinctNonces();
    List<ReceivedCall> calls = fake.calls();
    assertEquals(503, calls.get(0).status());
    assertEquals(200, calls.get(1).status());
  }

  @Test
  void aServerErrorThenAnOutrightRefusalStillMayHaveBeenSent() {
    fake.nextCalls(FakeDirectMailScenario.HTTP_503, 1);
    fake.nextCalls(FakeDirectMailScenario.INVALID_TO_ADDRESS, 1);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.INVALID_RECIPIENT, e.code(), "the last attempt's answer");
    assertEquals("InvalidToAddress", e.providerCode().orElseThrow());
    assertTrue(e.mayHaveBeenSent(), "the first attempt's outcome is unknown");
    assertEquals(2, fake.callCount());
  }

  @Test
  void throttlingThenAServerErrorMayHaveBeenSent() {
    fake.nextCalls(FakeDirectMailScenario.THROTTLING_USER, 1);
    fake.nextCalls(FakeDirectMailScenario.HTTP_500, 1);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, e.code());
    assertTrue(e.mayHaveBeenSent());
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
    assertFalse(e.mayHaveBeenSent(), "nothing was sent");
    assertEquals(2, bed.nonces.size());
    bed.assertDistinctNonces();
  }

  @Test
  void aReadTimeoutIsAnUnknownOutcomeAndNeverRetried() throws InterruptedException {
    fake.setScenario(FakeDirectMailScenario.ACCEPT_THEN_HANG);
    DirectMailClient impatient =
        bed.client(DirectMailClient.Options.defaults().withRequestTimeout(Duration.ofMillis(300)));
    try {
      MailException e = failure(impatient, bed.target(SECRET));
      assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
      assertTrue(fake.awaitAccepted(1, Duration.ofSeconds(5)));
      assertEquals(1, fake.callCount());
      assertEquals(1, bed.nonces.size());
    } finally {
      fake.releaseHeld();
      impatient.close();
    }
  }

  @Test
  void aConnectionDroppedAfterSendingIsAnUnknownOutcomeAndNeverRetried() {
    fake.setScenario(FakeDirectMailScenario.ACCEPT_THEN_RESET);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.OUTCOME_UNKNOWN, e.code());
    assertEquals(1, fake.callCount());
    assertEquals(1, fake.accepted().size());
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
        bed.client(DirectMailClient.Options.defaults().withTotalDeadline(Duration.ofMillis(900)));
    try {
      MailException e = failure(hurried, bed.target(SECRET));
      assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, e.code());
      assertTrue(e.mayHaveBeenSent(), "a server error may have taken the mail");
      assertEquals(1, fake.callCount());
    } finally {
      hurried.close();
    }
  }

  @Test
  void eachAttemptIsLoggedWithItsCodesButNeverTheFormOrSecret() {
    fake.nextCalls(FakeDirectMailScenario.HTTP_503, 1);
    try (LogCapture logs = LogCapture.mailLogs()) {
      SendReceipt receipt = client.send(bed.target(SECRET), mail());

      List<String> lines = logs.lines();
      assertEquals(2, lines.size(), logs.text());
      assertTrue(
          lines
              .get(0)
              .matches(
                  "INFO DirectMail attempt 1 failed: code=provider_unavailable"
                      + " providerCode=ServiceUnavailable requestId=[A-Za-z0-9._:-]+"
                      + "; retrying with a new nonce"),
          lines.get(0));
      assertEquals(
          "FINE DirectMail accepted on attempt 2: EnvId="
              + receipt.envId()
              + " RequestId="
              + receipt.requestId(),
          lines.get(1));
      String text = logs.text();
      assertFalse(text.contains("123456"), text);
      assertFalse(text.contains(SECRET), text);
      assertFalse(text.contains("user@example.com"), text);
    }
  }

  @Test
  void aSendThatFindsNoTurnUnderTheCallRateIsRateLimitedAndNotSent() throws Exception {
    // One call per second, no queue: the first send takes the slot, the second finds none.
    try (DirectMailClient paced =
        bed.client(DirectMailClient.Options.defaults().withCallRate(1, Duration.ZERO))) {
      paced.send(bed.target(DirectMailTestBed.SECRET), DirectMailTestBed.mail());
      MailException refused =
          assertThrows(
              MailException.class,
              () -> paced.send(bed.target(DirectMailTestBed.SECRET), DirectMailTestBed.mail()));
      assertEquals(MailErrorCode.RATE_LIMITED, refused.code());
      assertFalse(refused.mayHaveBeenSent());
      assertEquals(Duration.ofSeconds(1), refused.retryAfter().orElseThrow());
      assertEquals(1, bed.fake.callCount(), "the refused send never reached DirectMail");
    }
  }

  @Test
  void sendsWithinTheQueueWaitWaitForTheirTurn() throws Exception {
    try (DirectMailClient paced =
        bed.client(DirectMailClient.Options.defaults().withCallRate(10, Duration.ofSeconds(2)))) {
      long started = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        paced.send(bed.target(DirectMailTestBed.SECRET), DirectMailTestBed.mail());
      }
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(tookMillis >= 200, "three calls at 10/s span at least 200 ms: " + tookMillis);
      assertEquals(3, bed.fake.accepted().size());
    }
  }
}
