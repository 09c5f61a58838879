package io.logtojee.mail.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.aliyun.DirectMailClient;
import io.logtojee.mail.aliyun.DirectMailTransport;
import io.logtojee.mail.config.InMemoryMailConfigStore;
import io.logtojee.mail.config.TransportKind;
import io.logtojee.mail.limit.InMemorySendCounterStore;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.mail.template.FixedLogtoTemplates;
import io.logtojee.mail.template.LogtoTemplates;
import io.logtojee.mail.template.logto.LogtoEmailTemplate;
import io.logtojee.testsupport.MutableClock;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.RecordedMail;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a send does with Logto's own templates, down to the DirectMail request. */
class MailServiceLogtoTemplatesTest {
  private static final String CODE = "604218";

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

  private MailService service(LogtoTemplates logto) {
    return new MailService(
        new InMemoryMailConfigStore(
            MailFixtures.loopbackLoader(), MailFixtures.apiConfig(fake.baseUri())),
        Map.of(TransportKind.API, new DirectMailTransport(client)),
        new SendLimits(
            SendLimitPolicy.defaults(),
            new InMemorySendCounterStore(),
            new MutableClock(Instant.parse("2026-03-01T10:00:00Z"))),
        logto);
  }

  private static EmailRequest request(String type, String locale) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("code", CODE);
    payload.put("application", Map.of("name", "Acme <Shop>"));
    if (locale != null) {
      payload.put("locale", locale);
    }
    return new EmailRequest("user@example.com", type, payload, null);
  }

  private RecordedMail sendAndReceive(LogtoTemplates logto, String type, String locale) {
    service(logto).send(request(type, locale));
    return fake.accepted().get(fake.accepted().size() - 1);
  }

  @Test
  void logtosTemplateInThePayloadLocaleWinsOverTheConfiguration() {
    LogtoTemplates logto =
        new FixedLogtoTemplates(
            "en",
            new LogtoEmailTemplate(
                "de", "SignIn", "Anmeldung", "<p>Code {{code}}</p>", BodyFormat.HTML, null));

    RecordedMail mail = sendAndReceive(logto, "SignIn", "de");

    assertEquals("Anmeldung", mail.subject());
    assertEquals("<p>Code " + CODE + "</p>", mail.htmlBody());
    assertEquals("Example", mail.fromAlias(), "no sendFrom: the configured display name");
  }

  @Test
  void withoutALogtoTemplateTheConfigurationsServes() {
    RecordedMail mail = sendAndReceive(new FixedLogtoTemplates("en"), "SignIn", "de");

    assertEquals("Sign-in code", mail.subject());
  }

  @Test
  void sendFromReplacesTheDisplayNameWithItsPlaceholdersFilled() {
    LogtoTemplates logto =
        new FixedLogtoTemplates(
            "en",
            new LogtoEmailTemplate(
                "en",
                "SignIn",
                "Sign in",
                "<p>{{code}}</p>",
                BodyFormat.HTML,
                "{{application.name}}\r\nHQ"));

    RecordedMail mail = sendAndReceive(logto, "SignIn", "en");

    assertEquals("Acme <Shop>HQ", mail.fromAlias(), "one line, not HTML-escaped");
  }

  @Test
  void aLongSendFromIsCutToDirectMailsLimitRatherThanRefused() {
    LogtoTemplates logto =
        new FixedLogtoTemplates(
            "en",
            new LogtoEmailTemplate(
                "en",
                "SignIn",
                "Sign in",
                "<p>{{code}}</p>",
                BodyFormat.HTML,
                "{{application.name}} customer care 🙂"));

    RecordedMail mail = sendAndReceive(logto, "SignIn", "en");

    assertEquals("Acme <Shop> cus", mail.fromAlias());
  }

  @Test
  void aPlainTextTemplateGoesAsTextBodyWithValuesUnescaped() {
    LogtoTemplates logto =
        new FixedLogtoTemplates(
            "en",
            new LogtoEmailTemplate(
                "en",
                "Generic",
                "Your code",
                "Code for {{application.name}}:\n{{code}}",
                BodyFormat.TEXT,
                null));

    RecordedMail mail = sendAndReceive(logto, "ForgotPassword", "fr");

    assertEquals("Code for Acme <Shop>:\n" + CODE, mail.parameters().get("TextBody"));
    assertFalse(mail.parameters().containsKey("HtmlBody"));
    assertNull(mail.htmlBody());
  }

  @Test
  void anHtmlTemplateStillEscapesValues() {
    LogtoTemplates logto =
        new FixedLogtoTemplates(
            "en",
            new LogtoEmailTemplate(
                "en", "SignIn", "Hi", "<b>{{application.name}}</b>", BodyFormat.HTML, null));

    RecordedMail mail = sendAndReceive(logto, "SignIn", null);

    assertEquals("<b>Acme &lt;Shop&gt;</b>", mail.htmlBody());
    assertFalse(mail.parameters().containsKey("TextBody"));
  }
}
