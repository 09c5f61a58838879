package io.logtojee.mail.aliyun;

import static io.logtojee.mail.aliyun.DirectMailTestBed.KEY_ID;
import static io.logtojee.mail.aliyun.DirectMailTestBed.SECRET;
import static io.logtojee.mail.aliyun.DirectMailTestBed.mail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.FakeDirectMailScenario;
import io.logtojee.testsupport.dm.RecordedMail;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client end to end against the fake: what it sends, and how DirectMail's error Codes reach the
 * caller. The retry rules are in {@link DirectMailRetryTest}, the HTTP details in {@link
 * DirectMailExchangeTest}.
 */
class DirectMailClientTest {
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
  void aSuccessfulSendReturnsTheEnvIdAndRequestIdAndSendsLogtosParameters() {
    SendReceipt receipt = client.send(bed.target(SECRET), mail());

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
    assertEquals(bed.nonces.get(0), p.get("SignatureNonce"));
    assertFalse(
        p.containsKey("TagName") || p.containsKey("ClickTrace") || p.containsKey("TextBody"));
    assertEquals(1, fake.callCount());
  }

  @Test
  void anEmptyFromAliasIsNotSent() {
    client.send(
        bed.target(SECRET),
        new SingleSendMail("noreply@mail.example.com", null, "u@x.test", "s", "b"));
    assertFalse(fake.accepted().get(0).parameters().containsKey("FromAlias"));
  }

  @Test
  void invalidToAddressIsAnInvalidRecipientWithoutRetry() {
    fake.setScenario(FakeDirectMailScenario.INVALID_TO_ADDRESS);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.INVALID_RECIPIENT, e.code());
    assertEquals("InvalidToAddress", e.providerCode().orElseThrow());
    assertTrue(e.providerRequestId().isPresent());
    assertEquals(1, fake.callCount());
  }

  @Test
  void spamIsRejectedWithoutRetry() {
    fake.setScenario(FakeDirectMailScenario.SPAM);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.PROVIDER_REJECTED, e.code());
    assertEquals("InvalidSendMail.Spam", e.providerCode().orElseThrow());
    assertEquals(1, fake.callCount());
    assertTrue(bed.sleeps.isEmpty());
  }

  @Test
  void anUnknownSenderIsAConfigError() {
    fake.setScenario(FakeDirectMailScenario.SENDER_NOT_FOUND);
    MailException e = failure(client, bed.target(SECRET));
    assertEquals(MailErrorCode.INVALID_CONFIG, e.code());
    assertEquals(1, fake.callCount());
  }

  @Test
  void aWrongSecretFailsTheSignatureCheckAndIsNotRetried() {
    MailException e = failure(client, bed.target("not-the-secret"));
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
            DirectMailClient.Options.defaults(), bed.clock, () -> "fixed-nonce", bed.sleeps::add);
    try {
      replaying.send(bed.target(SECRET), mail());
      MailException e = failure(replaying, bed.target(SECRET));
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
            bed.recordingNonces,
            bed.sleeps::add);
    try {
      MailException e = failure(fromThePast, bed.target(SECRET));
      assertEquals("InvalidTimeStamp.Expired", e.providerCode().orElseThrow());
      assertEquals(1, fake.callCount());
    } finally {
      fromThePast.close();
    }
  }

  @Test
  void theTargetNeverPrintsItsSecret() {
    assertFalse(bed.target(SECRET).toString().contains(SECRET));
    assertTrue(bed.target(SECRET).toString().contains(KEY_ID));
  }
}
