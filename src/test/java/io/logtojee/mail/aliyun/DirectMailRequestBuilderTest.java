package io.logtojee.mail.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.logtojee.testsupport.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the signed form. The inputs are vector A of aliyun-dm.md §3.3 (key, nonce,
 * timestamp, AccountName {@code <a%b'>}, ToAddress, Subject "3", HtmlBody "4"), with the parameters
 * our client fixes (Format=JSON, ReplyToAddress=false, no TagName); the expected strings and
 * signatures were computed independently with Python's hmac and urllib.parse.quote.
 */
class DirectMailRequestBuilderTest {
  private static final String NONCE = "c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c";
  private static final Instant VECTOR_A_TIME = Instant.parse("2016-10-20T06:27:56Z");
  private static final DirectMailTarget TARGET =
      new DirectMailTarget(
          URI.create("https://dm.aliyuncs.com/"), "cn-hangzhou", "testid", "testsecret");

  private static final String CANONICAL =
      "AccessKeyId=testid&AccountName=%3Ca%25b%27%3E&Action=SingleSendMail&AddressType=1"
          + "&Format=JSON&HtmlBody=4&RegionId=cn-hangzhou&ReplyToAddress=false"
          + "&SignatureMethod=HMAC-SHA1&SignatureNonce=c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c"
          + "&SignatureVersion=1.0&Subject=3&Timestamp=2016-10-20T06%3A27%3A56Z"
          + "&ToAddress=1%40test.com&Version=2015-11-23";

  private static SingleSendMail vectorAMail() {
    return new SingleSendMail("<a%b'>", null, "1@test.com", "3", "4");
  }

  @Test
  void vectorAInputsGiveTheKnownParametersStringToSignSignatureAndBody() {
    DirectMailRequestBuilder.SignedForm form =
        DirectMailRequestBuilder.sign(TARGET, vectorAMail(), NONCE, VECTOR_A_TIME);

    assertEquals(
        Set.of(
            "Action",
            "AccountName",
            "AddressType",
            "ReplyToAddress",
            "ToAddress",
            "Subject",
            "HtmlBody",
            "Format",
            "Version",
            "AccessKeyId",
            "SignatureMethod",
            "SignatureVersion",
            "SignatureNonce",
            "Timestamp",
            "RegionId"),
        form.parameters().keySet());
    assertEquals(CANONICAL, AliyunSignature.canonicalizedQuery(form.parameters()));
    assertEquals(
        "POST&%2F&AccessKeyId%3Dtestid%26AccountName%3D%253Ca%2525b%2527%253E"
            + "%26Action%3DSingleSendMail%26AddressType%3D1%26Format%3DJSON%26HtmlBody%3D4"
            + "%26RegionId%3Dcn-hangzhou%26ReplyToAddress%3Dfalse%26SignatureMethod%3DHMAC-SHA1"
            + "%26SignatureNonce%3Dc1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c%26SignatureVersion%3D1.0"
            + "%26Subject%3D3%26Timestamp%3D2016-10-20T06%253A27%253A56Z"
            + "%26ToAddress%3D1%2540test.com%26Version%3D2015-11-23",
        AliyunSignature.stringToSign(DirectMailRequestBuilder.HTTP_METHOD, form.parameters()));
    assertEquals("PjBoLsBmah4pUd5zk7fklDxPaw8=", form.signature());
    assertEquals(CANONICAL + "&Signature=PjBoLsBmah4pUd5zk7fklDxPaw8%3D", form.body());
  }

  @Test
  void anAliasAndEncodedTextGiveTheKnownBodyWithAnEncodedSlashInTheSignature() {
    SingleSendMail mail =
        new SingleSendMail(
            "<a%b'>", "中文 Alias", "1@test.com", "Your code: 中文 & more", "<p>a+b=c, 100% ~ *</p>");
    DirectMailRequestBuilder.SignedForm form =
        DirectMailRequestBuilder.sign(TARGET, mail, NONCE, VECTOR_A_TIME);

    assertEquals("/PEFINpYo2seUIyLeabt32rubgk=", form.signature());
    assertEquals(
        "AccessKeyId=testid&AccountName=%3Ca%25b%27%3E&Action=SingleSendMail&AddressType=1"
            + "&Format=JSON&FromAlias=%E4%B8%AD%E6%96%87%20Alias"
            + "&HtmlBody=%3Cp%3Ea%2Bb%3Dc%2C%20100%25%20~%20%2A%3C%2Fp%3E"
            + "&RegionId=cn-hangzhou&ReplyToAddress=false&SignatureMethod=HMAC-SHA1"
            + "&SignatureNonce=c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c&SignatureVersion=1.0"
            + "&Subject=Your%20code%3A%20%E4%B8%AD%E6%96%87%20%26%20more"
            + "&Timestamp=2016-10-20T06%3A27%3A56Z&ToAddress=1%40test.com&Version=2015-11-23"
            + "&Signature=%2FPEFINpYo2seUIyLeabt32rubgk%3D",
        form.body());
  }

  @Test
  void theTimestampIsUtcToTheSecond() {
    Instant withMillis = VECTOR_A_TIME.plusMillis(789);
    assertEquals("2016-10-20T06:27:56Z", DirectMailRequestBuilder.timestamp(withMillis));
    DirectMailRequestBuilder.SignedForm form =
        DirectMailRequestBuilder.sign(TARGET, vectorAMail(), NONCE, withMillis);
    assertEquals("PjBoLsBmah4pUd5zk7fklDxPaw8=", form.signature());
  }

  @Test
  void buildDrawsANewNonceAndReadsTheClockForEveryAttempt() {
    MutableClock clock = new MutableClock(VECTOR_A_TIME);
    Deque<String> nonces = new ArrayDeque<>(List.of(NONCE, "second-nonce"));
    DirectMailRequestBuilder builder = new DirectMailRequestBuilder(clock, nonces::removeFirst);

    DirectMailRequestBuilder.SignedForm first = builder.build(TARGET, vectorAMail());
    clock.advance(Duration.ofSeconds(2));
    DirectMailRequestBuilder.SignedForm second = builder.build(TARGET, vectorAMail());

    assertEquals("PjBoLsBmah4pUd5zk7fklDxPaw8=", first.signature());
    assertEquals("second-nonce", second.parameters().get("SignatureNonce"));
    assertEquals("2016-10-20T06:27:58Z", second.parameters().get("Timestamp"));
    assertNotEquals(first.signature(), second.signature());
    assertEquals(
        AliyunSignature.sign("POST", second.parameters(), "testsecret"), second.signature());
  }

  @Test
  void theSameInputsGiveTheSameForm() {
    assertEquals(
        DirectMailRequestBuilder.sign(TARGET, vectorAMail(), NONCE, VECTOR_A_TIME),
        DirectMailRequestBuilder.sign(TARGET, vectorAMail(), NONCE, VECTOR_A_TIME));
  }

  @Test
  void theFormNeverPrintsTheRecipientTheBodyOrTheSecret() {
    SingleSendMail mail =
        new SingleSendMail(
            "noreply@mail.example.com", null, "user@example.com", "s", "code 482913");
    String printed = DirectMailRequestBuilder.sign(TARGET, mail, NONCE, VECTOR_A_TIME).toString();
    assertFalse(printed.contains("user@example.com"), printed);
    assertFalse(printed.contains("482913"), printed);
    assertFalse(printed.contains("testsecret"), printed);
  }

  @Test
  void theFormPrintsItsNonceAndTimeButNeverTheRecipientOrTheBody() {
    DirectMailRequestBuilder.SignedForm form =
        DirectMailRequestBuilder.sign(
            TARGET,
            new SingleSendMail(
                "sender@mail.example.test", null, "jane@example.test", "S", "123456"),
            NONCE,
            VECTOR_A_TIME);

    assertEquals(
        "SignedForm[nonce=" + NONCE + ", timestamp=2016-10-20T06:27:56Z]", form.toString());
    assertEquals(
        "SingleSendMail[accountName=sender@mail.example.test, fromAlias=null]",
        new SingleSendMail("sender@mail.example.test", null, "jane@example.test", "S", "123456")
            .toString());
  }
}
