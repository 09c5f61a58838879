package io.logtojee.mail.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.LogCapture;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.OutgoingMail;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.aliyun.DirectMailClient;
import io.logtojee.mail.aliyun.DirectMailTransport;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.config.InMemoryMailConfigStore;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigSnapshot;
import io.logtojee.mail.config.MailConfigStore;
import io.logtojee.mail.config.MailTemplate;
import io.logtojee.mail.config.TransportKind;
import io.logtojee.mail.limit.InMemorySendCounterStore;
import io.logtojee.mail.limit.LimitRule;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.FakeDirectMailScenario;
import io.logtojee.testsupport.dm.RecordedMail;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole send path against the fake DirectMail: MAIL-01, -02, -03, -06, -07, -08. */
class MailServiceTest {
  private static final MailConfigLoader LOADER = MailFixtures.loopbackLoader();
  private static final String CODE = "482913";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T08:00:00Z"));
  private FakeDirectMail fake;
  private DirectMailClient client;

  @BeforeEach
  void start() throws IOException {
    fake = new FakeDirectMail().addKey(MailFixtures.KEY_ID, MailFixtures.KEY_SECRET).start(0);
    client =
        new DirectMailClient(
            DirectMailClient.Options.defaults().withRequestTimeout(Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private AliyunDmConfig config(List<MailTemplate> templates) {
    return new AliyunDmConfig(
        MailFixtures.KEY_ID,
        MailFixtures.KEY_SECRET,
        MailFixtures.SENDER,
        "Example",
        null,
        templates,
        null,
        null,
        fake.baseUri().toString());
  }

  private MailService service(AliyunDmConfig config, SendLimitPolicy policy) {
    return service(
        new InMemoryMailConfigStore(LOADER, config),
        policy,
        Map.of(TransportKind.API, new DirectMailTransport(client)));
  }

  private MailService service(
      MailConfigStore store, SendLimitPolicy policy, Map<TransportKind, MailTransport> transports) {
    return new MailService(
        store, transports, new SendLimits(policy, new InMemorySendCounterStore(), clock));
  }

  private MailService defaultService() {
    return service(MailFixtures.apiConfig(fake.baseUri()), SendLimitPolicy.defaults());
  }

  private static EmailRequest signIn(String to) {
    return new EmailRequest(to, "SignIn", Map.of("code", CODE, "locale", "en"), "203.0.113.7");
  }

  private static MailException failure(MailService service, EmailRequest request) {
    return assertThrows(MailException.class, () -> service.send(request));
  }

  @Test
  void sendsTheRenderedTemplateAndAnswersWithTheReceipt() {
    SendReceipt receipt = defaultService().send(signIn("user@example.com"));

    RecordedMail mail = fake.accepted().get(0);
    assertEquals(mail.envId(), receipt.envId());
    assertEquals(mail.requestId(), receipt.requestId());
    assertEquals("user@example.com", mail.toAddress());
    assertEquals("Sign-in code", mail.subject());
    assertEquals("<p>Sign in: " + CODE + "</p>", mail.htmlBody());
    assertEquals("Example", mail.fromAlias());
    assertEquals("cn-hangzhou", mail.regionId());
  }

  @Test
  void picksTheLocalisedTemplateAndFallsBackToGeneric() {
    List<MailTemplate> templates = new ArrayList<>(MailFixtures.requiredTemplates());
    templates.add(new MailTemplate("SignIn", "登录验证码", "<p>验证码 {{code}}</p>", "zh-CN"));
    MailService service = service(config(templates), SendLimitPolicy.defaults());

    service.send(
        new EmailRequest("a@example.com", "SignIn", Map.of("code", CODE, "locale", "zh-CN"), null));
    service.send(new EmailRequest("b@example.com", "MfaVerification", Map.of("code", CODE), null));

    assertEquals("登录验证码", fake.accepted().get(0).subject());
    assertEquals("Your code", fake.accepted().get(1).subject());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@x.test,b@y.test",
        "a@x.test;b@y.test",
        "a@x.test\r\nBcc: b@y.test",
        "N <a@x.test>",
        "toolong@example.com"
      })
  void refusesBadRecipientsBeforeAnyProviderCall(String to) {
    String recipient = to.equals("toolong@example.com") ? "l".repeat(200) + "@example.com" : to;
    MailException e = failure(defaultService(), signIn(recipient));
    assertEquals(MailErrorCode.INVALID_RECIPIENT, e.code());
    assertEquals(0, fake.callCount());
  }

  @Test
  void placeholderValuesAreTakenLiterallyEscapedAndKeptOnOneLine() {
    List<MailTemplate> templates = new ArrayList<>(MailFixtures.requiredTemplates());
    templates.set(
        1,
        new MailTemplate(
            "SignIn",
            "Hello {{user.name}} from {{application.name}}",
            "<p>{{user.name}}: {{code}}</p>"));
    MailService service = service(config(templates), SendLimitPolicy.defaults());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("code", CODE);
    payload.put("user", Map.of("name", "{{code}}<script>x</script>"));
    payload.put("application", Map.of("name", "Demo\r\nBcc: evil@x.test"));

    service.send(new EmailRequest("user@example.com", "SignIn", payload, null));

    RecordedMail mail = fake.accepted().get(0);
    assertEquals("Hello {{code}}<script>x</script> from DemoBcc: evil@x.test", mail.subject());
    assertEquals("<p>{{code}}&lt;script&gt;x&lt;/script&gt;: " + CODE + "</p>", mail.htmlBody());
  }

  @Test
  void aSubjectLongerThanDirectMailAllowsIsShortened() {
    List<MailTemplate> templates = new ArrayList<>(MailFixtures.requiredTemplates());
    templates.set(1, new MailTemplate("SignIn", "Welcome to {{application.name}}", "{{code}}"));
    MailService service = service(config(templates), SendLimitPolicy.defaults());
    service.send(
        new EmailRequest(
            "user@example.com",
            "SignIn",
            Map.of("code", CODE, "application", Map.of("name", "n".repeat(150))),
            null));
    assertEquals(100, fake.accepted().get(0).subject().length());
  }

  @Test
  void withoutAConfigMailIsDisabledAndReportedDown() {
    MailService service =
        service(new InMemoryMailConfigStore(LOADER, null), SendLimitPolicy.defaults(), Map.of());
    MailStatus status = service.status();
    assertFalse(status.up());
    assertEquals("mail is not configured", status.reason());
    MailException e = failure(service, signIn("user@example.com"));
    assertEquals(MailErrorCode.MAIL_DISABLED, e.code());
    assertEquals(0, fake.callCount());
  }

  @Test
  void aConfigNamingAnUnavailableTransportIsDown() {
    AliyunDmConfig smtp =
        new AliyunDmConfig(
            MailFixtures.KEY_ID,
            MailFixtures.KEY_SECRET,
            MailFixtures.SENDER,
            null,
            null,
            MailFixtures.requiredTemplates(),
            "smtp",
            "smtp-pass",
            null);
    MailService service =
        service(new InMemoryMailConfigStore(LOADER, smtp), SendLimitPolicy.defaults(), Map.of());
    assertFalse(service.status().up());
    assertEquals(MailErrorCode.MAIL_DISABLED, failure(service, signIn("user@example.com")).code());
  }

  @Test
  void aValidConfigIsReportedUp() {
    MailStatus status = defaultService().status();
    assertTrue(status.up());
    assertNull(status.reason());
  }

  @Test
  void theTransportNamedByTheConfigIsUsed() {
    AliyunDmConfig smtp =
        new AliyunDmConfig(
            MailFixtures.KEY_ID,
            MailFixtures.KEY_SECRET,
            MailFixtures.SENDER,
            null,
            null,
            MailFixtures.requiredTemplates(),
            "smtp",
            "smtp-pass",
            null);
    List<OutgoingMail> viaSmtp = new ArrayList<>();
    MailTransport recording =
        (mail, config) -> {
          viaSmtp.add(mail);
          return new SendReceipt(null, "<id@local>");
        };
    MailService service =
        service(
            new InMemoryMailConfigStore(LOADER, smtp),
            SendLimitPolicy.defaults(),
            Map.of(TransportKind.SMTP, recording));
    assertEquals("<id@local>", service.send(signIn("user@example.com")).requestId());
    assertEquals(1, viaSmtp.size());
    assertEquals(0, fake.callCount());
  }

  @Test
  void withoutAnyMatchingTemplateTheAnswerIsTemplateNotFound() {
    AliyunDmConfig noGeneric = config(List.of(new MailTemplate("SignIn", "s", "{{code}}")));
    MailConfigStore unvalidated = stubStore(noGeneric);
    MailService service =
        service(
            unvalidated,
            SendLimitPolicy.defaults(),
            Map.of(TransportKind.API, new DirectMailTransport(client)));
    MailException e =
        failure(
            service, new EmailRequest("user@example.com", "Register", Map.of("code", CODE), null));
    assertEquals(MailErrorCode.TEMPLATE_NOT_FOUND, e.code());
    assertEquals("template_not_found", e.code().wireName());
    assertEquals(0, fake.callCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "Sign In", "SignIn\r\nX", "<script>"})
  void anInvalidTypeIsAnInvalidRequest(String type) {
    MailException e =
        failure(
            defaultService(),
            new EmailRequest("user@example.com", type, Map.of("code", CODE), null));
    assertEquals(MailErrorCode.INVALID_REQUEST, e.code());
  }

  @Test
  void theEleventhSendToOneAddressIsRefusedWithoutAProviderCall() {
    MailService service = defaultService();
    List<String> variants = List.of("User@Example.com", " user@example.com ", "USER@example.COM");
    for (int i = 0; i < 10; i++) {
      service.send(
          new EmailRequest(variants.get(i % 3), "SignIn", Map.of("code", CODE), "203.0.113." + i));
    }
    MailException e = failure(service, signIn("user@example.com"));
    assertEquals(MailErrorCode.RATE_LIMITED, e.code());
    assertTrue(e.retryAfter().orElseThrow().compareTo(Duration.ZERO) > 0);
    assertEquals(10, fake.callCount());

    clock.advance(Duration.ofMinutes(10));
    service.send(signIn("user@example.com"));
    assertEquals(11, fake.callCount());
  }

  @Test
  void oneIpCannotMailManyAddressesPastItsLimit() {
    SendLimitPolicy policy =
        new SendLimitPolicy(
            LimitRule.of(10, Duration.ofMinutes(10)),
            LimitRule.of(5, Duration.ofMinutes(10)),
            LimitRule.of(100, Duration.ofDays(1)));
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), policy);
    for (int i = 0; i < 5; i++) {
      service.send(signIn("user" + i + "@example.com"));
    }
    assertEquals(MailErrorCode.RATE_LIMITED, failure(service, signIn("user9@example.com")).code());
    assertEquals(5, fake.callCount());
  }

  @Test
  void definiteFailuresDoNotCount() {
    MailService service = defaultService();
    fake.nextCalls(FakeDirectMailScenario.SPAM, 10);
    for (int i = 0; i < 10; i++) {
      assertEquals(
          MailErrorCode.PROVIDER_REJECTED, failure(service, signIn("user@example.com")).code());
    }
    for (int i = 0; i < 10; i++) {
      service.send(signIn("user@example.com"));
    }
    assertEquals(MailErrorCode.RATE_LIMITED, failure(service, signIn("user@example.com")).code());
  }

  @Test
  void unknownOutcomesCount() {
    SendLimitPolicy oneEach =
        new SendLimitPolicy(
            LimitRule.of(1, Duration.ofMinutes(10)),
            LimitRule.of(10, Duration.ofMinutes(10)),
            LimitRule.of(100, Duration.ofDays(1)));
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), oneEach);
    fake.nextCalls(FakeDirectMailScenario.ACCEPT_THEN_RESET, 1);
    assertEquals(
        MailErrorCode.OUTCOME_UNKNOWN, failure(service, signIn("user@example.com")).code());
    assertEquals(MailErrorCode.RATE_LIMITED, failure(service, signIn("user@example.com")).code());
    assertEquals(1, fake.callCount());
  }

  private static SendLimitPolicy onePerRecipient() {
    return new SendLimitPolicy(
        LimitRule.of(1, Duration.ofMinutes(10)),
        LimitRule.of(10, Duration.ofMinutes(10)),
        LimitRule.of(100, Duration.ofDays(1)));
  }

  @Test
  void aServerErrorOnBothAttemptsCounts() {
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), onePerRecipient());
    fake.nextCalls(FakeDirectMailScenario.HTTP_500, 2);
    assertEquals(
        MailErrorCode.PROVIDER_UNAVAILABLE, failure(service, signIn("user@example.com")).code());
    assertEquals(MailErrorCode.RATE_LIMITED, failure(service, signIn("user@example.com")).code());
    assertEquals(2, fake.callCount());
  }

  @Test
  void aServerErrorCountsEvenWhenTheRetryIsRefusedOutright() {
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), onePerRecipient());
    fake.nextCalls(FakeDirectMailScenario.HTTP_503, 1);
    fake.nextCalls(FakeDirectMailScenario.SPAM, 1);
    MailException e = failure(service, signIn("user@example.com"));
    assertEquals(MailErrorCode.PROVIDER_REJECTED, e.code());
    assertTrue(e.mayHaveBeenSent());
    assertEquals(MailErrorCode.RATE_LIMITED, failure(service, signIn("user@example.com")).code());
    assertEquals(2, fake.callCount());
  }

  @Test
  void aServerErrorThenSuccessCountsOnce() {
    MailService service =
        service(
            MailFixtures.apiConfig(fake.baseUri()),
            new SendLimitPolicy(
                LimitRule.of(2, Duration.ofMinutes(10)),
                LimitRule.of(10, Duration.ofMinutes(10)),
                LimitRule.of(100, Duration.ofDays(1))));
    fake.nextCalls(FakeDirectMailScenario.HTTP_503, 1);
    service.send(signIn("user@example.com"));
    service.send(signIn("user@example.com"));
    assertEquals(MailErrorCode.RATE_LIMITED, failure(service, signIn("user@example.com")).code());
  }

  @Test
  void throttlingOnBothAttemptsDoesNotCount() {
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), onePerRecipient());
    fake.nextCalls(FakeDirectMailScenario.THROTTLING_USER, 2);
    MailException e = failure(service, signIn("user@example.com"));
    assertEquals(MailErrorCode.RATE_LIMITED, e.code());
    assertFalse(e.mayHaveBeenSent());
    service.send(signIn("user@example.com"));
  }

  @Test
  void aFailureThatCertainlySentNothingIsReleased() {
    MailTransport neverConnected =
        (mail, config) -> {
          throw new MailException(MailErrorCode.PROVIDER_UNAVAILABLE, "could not connect");
        };
    MailService service =
        service(
            new InMemoryMailConfigStore(LOADER, MailFixtures.apiConfig(fake.baseUri())),
            onePerRecipient(),
            Map.of(TransportKind.API, neverConnected));
    for (int i = 0; i < 3; i++) {
      assertEquals(
          MailErrorCode.PROVIDER_UNAVAILABLE, failure(service, signIn("user@example.com")).code());
    }
  }

  @Test
  void aHundredSendsWithoutIpToDistinctAddressesAllGoOutUnderTheDefaults() {
    MailService service = defaultService();
    for (int i = 0; i < 100; i++) {
      service.send(
          new EmailRequest("user" + i + "@example.com", "SignIn", Map.of("code", CODE), null));
    }
    assertEquals(100, fake.accepted().size());
  }

  @Test
  void anUnreadableIpIsLoggedAndTheMailStillGoesOut() {
    SendLimitPolicy oneIp =
        new SendLimitPolicy(
            LimitRule.of(10, Duration.ofMinutes(10)),
            LimitRule.of(1, Duration.ofMinutes(10)),
            LimitRule.of(100, Duration.ofDays(1)));
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), oneIp);
    try (LogCapture logs = LogCapture.mailLogs()) {
      for (int i = 0; i < 3; i++) {
        service.send(
            new EmailRequest(
                "user" + i + "@example.com", "SignIn", Map.of("code", CODE), "10.0.0.1:443\r\n"));
      }
      assertTrue(
          logs.text()
              .contains(
                  "WARNING mail ip ignored, not an IP address (no per-IP limit): type=SignIn"
                      + " to=u***@example.com ip=10.0.0.1:443??"),
          logs.text());
    }
    assertEquals(3, fake.accepted().size());
  }

  @Test
  void anInternationalAddressIsSentWithItsDomainInAsciiAndCountedAsOne() {
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), onePerRecipient());
    service.send(signIn("Ann@Bücher.example"));
    assertEquals("Ann@xn--bcher-kva.example", fake.accepted().get(0).toAddress());
    assertEquals(
        MailErrorCode.RATE_LIMITED, failure(service, signIn("ａｎｎ@xn--bcher-kva.example")).code());
    assertEquals(1, fake.callCount());
  }

  @Test
  void anUnexpectedTransportErrorCountsAsAnUnknownOutcome() {
    MailTransport broken =
        (mail, config) -> {
          throw new IllegalStateException("bug");
        };
    MailService service =
        service(
            new InMemoryMailConfigStore(LOADER, MailFixtures.apiConfig(fake.baseUri())),
            SendLimitPolicy.defaults(),
            Map.of(TransportKind.API, broken));
    assertEquals(
        MailErrorCode.OUTCOME_UNKNOWN, failure(service, signIn("user@example.com")).code());
  }

  @Test
  void logsCarryIdsAndMaskedAddressesButNoCodeSecretOrBody() throws InterruptedException {
    MailService service = defaultService();
    try (LogCapture logs = LogCapture.mailLogs()) {
      SendReceipt receipt = service.send(signIn("jane.doe@example.com"));
      fake.nextCalls(FakeDirectMailScenario.SPAM, 1);
      failure(service, signIn("jane.doe@example.com"));
      fake.nextCalls(FakeDirectMailScenario.HTTP_503, 2);
      failure(service, signIn("jane.doe@example.com"));
      fake.nextCalls(FakeDirectMailScenario.ACCEPT_THEN_HANG, 1);
      failure(service, signIn("jane.doe@example.com"));
      fake.releaseHeld();
      failure(service, signIn("jane.doe@example.com,spy@evil.test"));

      String text = logs.text();
      assertTrue(text.contains("envId=" + receipt.envId()), text);
      assertTrue(text.contains("requestId=" + receipt.requestId()), text);
      assertTrue(text.contains("j***@example.com"), text);
      assertTrue(text.contains("providerCode=InvalidSendMail.Spam"), text);
      assertFalse(text.contains(CODE), text);
      assertFalse(text.contains(MailFixtures.KEY_SECRET), text);
      assertFalse(text.contains("jane.doe"), text);
      assertFalse(text.contains("Sign in:"), text);
    }
    // DirectMail's SignatureDoesNotMatch message quotes the whole form; it must not reach the logs.
    AliyunDmConfig wrongSecret =
        new AliyunDmConfig(
            MailFixtures.KEY_ID,
            "wrong-secret",
            MailFixtures.SENDER,
            null,
            null,
            MailFixtures.requiredTemplates(),
            null,
            null,
            fake.baseUri().toString());
    MailService misconfigured = service(wrongSecret, SendLimitPolicy.defaults());
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailException e = failure(misconfigured, signIn("jane.doe@example.com"));
      assertEquals(MailErrorCode.INVALID_CONFIG, e.code());
      assertFalse(logs.text().contains(CODE), logs.text());
      assertFalse(logs.text().contains("wrong-secret"), logs.text());
      assertFalse(e.getMessage().contains(CODE));
    }
  }

  @Test
  void eachOutcomeLogsItsOwnLine() {
    SendLimitPolicy oneEach =
        new SendLimitPolicy(
            LimitRule.of(2, Duration.ofMinutes(10)),
            LimitRule.of(10, Duration.ofMinutes(10)),
            LimitRule.of(100, Duration.ofDays(1)));
    MailService service = service(MailFixtures.apiConfig(fake.baseUri()), oneEach);
    MailService disabled =
        service(new InMemoryMailConfigStore(LOADER, null), SendLimitPolicy.defaults(), Map.of());
    MailService broken =
        service(
            new InMemoryMailConfigStore(LOADER, MailFixtures.apiConfig(fake.baseUri())),
            SendLimitPolicy.defaults(),
            Map.of(
                TransportKind.API,
                (mail, config) -> {
                  throw new IllegalStateException("bug");
                }));
    try (LogCapture logs = LogCapture.mailLogs()) {
      service.send(signIn("jane.doe@example.com"));
      fake.nextCalls(FakeDirectMailScenario.SPAM, 1);
      failure(service, signIn("jane.doe@example.com"));
      service.send(signIn("jane.doe@example.com"));
      failure(service, signIn("jane.doe@example.com"));
      failure(disabled, signIn("jane.doe@example.com"));
      failure(broken, signIn("jane.doe@example.com"));

      List<String> lines = logs.lines().stream().filter(l -> l.matches("[A-Z]+ mail .*")).toList();
      assertEquals(6, lines.size(), logs.text());
      assertTrue(lines.get(0).startsWith("INFO mail sent: type=SignIn to=j***@example.com"));
      assertTrue(
          lines
              .get(1)
              .startsWith(
                  "WARNING mail not sent: code=provider_rejected"
                      + " providerCode=InvalidSendMail.Spam requestId="));
      assertTrue(lines.get(2).startsWith("INFO mail sent: "), lines.get(2));
      assertTrue(
          lines
              .get(3)
              .startsWith(
                  "WARNING mail refused: code=rate_limited type=SignIn to=j***@example.com"
                      + " ip=203.0.113.7 retryAfter="),
          lines.get(3));
      assertEquals(
          "WARNING mail refused: code=mail_disabled type=SignIn to=j***@example.com", lines.get(4));
      assertEquals(
          "SEVERE mail outcome unknown after an unexpected error: type=SignIn"
              + " to=j***@example.com | java.lang.IllegalStateException: bug",
          lines.get(5));
    }
  }

  private static MailConfigStore stubStore(AliyunDmConfig config) {
    return new MailConfigStore() {
      @Override
      public MailConfigSnapshot snapshot() {
        return new MailConfigSnapshot(config, "\"stub\"", null, List.of());
      }

      @Override
      public MailConfigSnapshot replace(AliyunDmConfig candidate, String ifMatch) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void theFakesUriIsLoopback() {
    assertEquals("127.0.0.1", URI.create(fake.baseUri().toString()).getHost());
  }
}
