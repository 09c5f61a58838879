package io.logtojee.testsupport.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.mail.aliyun.AliyunSignature;
import io.logtojee.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake rejects what Aliyun rejects, and records what it accepts. */
class FakeDirectMailTest {
  private static final String KEY_ID = "fake-key";
  private static final String SECRET = "fake-secret";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private FakeDirectMail fake;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeDirectMail(clock).addKey(KEY_ID, SECRET).start(0);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Map<String, String> validParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", "SingleSendMail");
    p.put("AccountName", "noreply@mail.example.com");
    p.put("AddressType", "1");
    p.put("ReplyToAddress", "false");
    p.put("ToAddress", "user@example.com");
    p.put("FromAlias", "Example");
    p.put("Subject", "Your code");
    p.put("HtmlBody", "<p>Code: 123456 & more 中文</p>");
    p.put("Format", "JSON");
    p.put("Version", "2015-11-23");
    p.put("AccessKeyId", KEY_ID);
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureVersion", "1.0");
    p.put("SignatureNonce", UUID.randomUUID().toString());
    p.put(
        "Timestamp",
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    p.put("RegionId", "cn-hangzhou");
    return p;
  }

  private String signedForm(Map<String, String> p, String secret, String method) {
    String signature = AliyunSignature.sign(method, p, secret);
    return AliyunSignature.canonicalizedQuery(p)
        + "&Signature="
        + AliyunSignature.percentEncode(signature);
  }

  private HttpResponse<String> post(String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(fake.baseUri())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode postWith(Consumer<Map<String, String>> edit, int expectedStatus)
      throws Exception {
    Map<String, String> p = validParameters();
    edit.accept(p);
    HttpResponse<String> response = post(signedForm(p, SECRET, "POST"));
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return json.readTree(response.body());
  }

  @Test
  void itsStringToSignMatchesThePublishedVector() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccessKeyId", "testid");
    p.put("AccountName", "<a%b'>");
    p.put("Action", "SingleSendMail");
    p.put("AddressType", "1");
    p.put("Format", "XML");
    p.put("HtmlBody", "4");
    p.put("RegionId", "cn-hangzhou");
    p.put("ReplyToAddress", "true");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c");
    p.put("SignatureVersion", "1.0");
    p.put("Subject", "3");
    p.put("TagName", "2");
    p.put("Timestamp", "2016-10-20T06:27:56Z");
    p.put("ToAddress", "1@test.com");
    p.put("Version", "2015-11-23");
    assertEquals(
        "POST&%2F&AccessKeyId%3Dtestid%26AccountName%3D%253Ca%2525b%2527%253E"
            + "%26Action%3DSingleSendMail%26AddressType%3D1%26Format%3DXML%26HtmlBody%3D4"
            + "%26RegionId%3Dcn-hangzhou%26ReplyToAddress%3Dtrue%26SignatureMethod%3DHMAC-SHA1"
            + "%26SignatureNonce%3Dc1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c%26SignatureVersion%3D1.0"
            + "%26Subject%3D3%26TagName%3D2%26Timestamp%3D2016-10-20T06%253A27%253A56Z"
            + "%26ToAddress%3D1%2540test.com%26Version%3D2015-11-23",
        FakeDirectMail.stringToSign("POST", p));
  }

  @Test
  void acceptsASignedRequestAndRecordsTheDecodedFields() throws Exception {
    Map<String, String> p = validParameters();
    HttpResponse<String> response = post(signedForm(p, SECRET, "POST"));
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = json.readTree(response.body());
    RecordedMail mail = fake.accepted().get(0);
    assertEquals(mail.envId(), body.get("EnvId").asText());
    assertEquals(mail.requestId(), body.get("RequestId").asText());
    assertEquals("user@example.com", mail.toAddress());
    assertEquals("<p>Code: 123456 & more 中文</p>", mail.htmlBody());
    assertEquals("Example", mail.fromAlias());
    assertEquals("cn-hangzhou", mail.regionId());
    assertEquals(p.get("SignatureNonce"), mail.nonce());
    assertEquals(1, fake.callCount());
  }

  @Test
  void acceptsTheGetVariant() throws Exception {
    Map<String, String> p = validParameters();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.baseUri() + "?" + signedForm(p, SECRET, "GET")))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void aWrongSecretGetsSignatureDoesNotMatchWithTheServerStringToSign() throws Exception {
    Map<String, String> p = validParameters();
    HttpResponse<String> response = post(signedForm(p, "wrong-secret", "POST"));
    assertEquals(403, response.statusCode());
    JsonNode body = json.readTree(response.body());
    assertEquals("SignatureDoesNotMatch", body.get("Code").asText());
    assertEquals(
        "Specified signature is not matched with our calculation. server string to sign is:"
            + FakeDirectMail.stringToSign("POST", p),
        body.get("Message").asText());
    assertTrue(body.has("RequestId") && body.has("HostId") && body.has("Recommend"));
    assertTrue(fake.accepted().isEmpty());
  }

  @Test
  void aTamperedParameterBreaksTheSignature() throws Exception {
    Map<String, String> p = validParameters();
    String form =
        signedForm(p, SECRET, "POST")
            .replace("user%40example.com", "user%40example.com%2Cspy%40evil.test");
    assertEquals(403, post(form).statusCode());
  }

  @Test
  void anUnknownKeyIsNotFound() throws Exception {
    JsonNode body = postWith(p -> p.put("AccessKeyId", "other"), 404);
    assertEquals("InvalidAccessKeyId.NotFound", body.get("Code").asText());
  }

  @Test
  void timestampsMoreThanFifteenMinutesOffAreExpired() throws Exception {
    clock.advance(Duration.ofMinutes(-16));
    Map<String, String> old = validParameters();
    clock.advance(Duration.ofMinutes(16));
    HttpResponse<String> response = post(signedForm(old, SECRET, "POST"));
    assertEquals(400, response.statusCode());
    assertEquals("InvalidTimeStamp.Expired", json.readTree(response.body()).get("Code").asText());

    clock.advance(Duration.ofMinutes(14));
    Map<String, String> future = validParameters();
    clock.advance(Duration.ofMinutes(-14));
    assertEquals(200, post(signedForm(future, SECRET, "POST")).statusCode());
  }

  @Test
  void aReplayedFormGetsSignatureNonceUsed() throws Exception {
    String form = signedForm(validParameters(), SECRET, "POST");
    assertEquals(200, post(form).statusCode());
    HttpResponse<String> replay = post(form);
    assertEquals(400, replay.statusCode());
    assertEquals("SignatureNonceUsed", json.readTree(replay.body()).get("Code").asText());
    assertEquals(1, fake.accepted().size());
  }

  @Test
  void missingParametersAreReported() throws Exception {
    assertEquals(
        "MissingParameter", postWith(p -> p.remove("ToAddress"), 400).get("Code").asText());
    assertEquals(
        "MissingParameter", postWith(p -> p.remove("Timestamp"), 400).get("Code").asText());
  }

  @Test
  void fieldLimitsAreEnforced() throws Exception {
    assertEquals(
        "InvalidSubject.Malformed",
        postWith(p -> p.put("Subject", "s".repeat(101)), 400).get("Code").asText());
    assertEquals(
        "InvalidFromAlias.Malformed",
        postWith(p -> p.put("FromAlias", "a".repeat(16)), 400).get("Code").asText());
    assertEquals(
        "EmailLengthError",
        postWith(p -> p.put("ToAddress", "l".repeat(186) + "@x.test"), 400).get("Code").asText());
    assertEquals(
        "InvalidToAddress",
        postWith(p -> p.put("ToAddress", "not-an-address"), 400).get("Code").asText());
    assertEquals("InvalidBody", postWith(p -> p.remove("HtmlBody"), 400).get("Code").asText());
    assertEquals(
        "InvalidAction.NotFound",
        postWith(p -> p.put("Action", "BatchSendMail"), 400).get("Code").asText());
  }

  @Test
  void registeredSendersAreEnforced() throws Exception {
    fake.addSender("other@mail.example.com");
    assertEquals("InvalidMailAddress.NotFound", postWith(p -> {}, 404).get("Code").asText());
  }

  @Test
  void queuedScenariosComeBeforeTheStickyOne() throws Exception {
    fake.nextCalls(FakeDirectMailScenario.HTTP_503, 1);
    fake.setScenario(FakeDirectMailScenario.SPAM);
    assertEquals("ServiceUnavailable", postWith(p -> {}, 503).get("Code").asText());
    assertEquals("InvalidSendMail.Spam", postWith(p -> {}, 400).get("Code").asText());
    assertEquals("InvalidSendMail.Spam", postWith(p -> {}, 400).get("Code").asText());
    assertEquals(3, fake.callCount());
    assertTrue(fake.accepted().isEmpty());
  }

  @Test
  void controlPathsListForgetAndSwitch() throws Exception {
    postWith(p -> {}, 200);
    HttpResponse<String> sent =
        http.send(
            HttpRequest.newBuilder(fake.baseUri().resolve("/__sent")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode mails = json.readTree(sent.body());
    assertEquals(1, mails.size());
    assertEquals("user@example.com", mails.get(0).get("toAddress").asText());
    assertTrue(mails.get(0).get("htmlBody").asText().contains("123456"));

    HttpResponse<String> scenario =
        http.send(
            HttpRequest.newBuilder(
                    fake.baseUri().resolve("/__scenario?name=THROTTLING_USER&times=1"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, scenario.statusCode());
    assertEquals("Throttling.User", postWith(p -> {}, 400).get("Code").asText());

    http.send(
        HttpRequest.newBuilder(fake.baseUri().resolve("/__sent")).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
    assertTrue(fake.accepted().isEmpty());
  }

  @Test
  void listenersSeeEveryAcceptedMail() throws Exception {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    fake.onAccepted(mail -> seen.add(mail.toAddress()));
    postWith(p -> {}, 200);
    assertEquals(java.util.List.of("user@example.com"), seen);
  }
}
