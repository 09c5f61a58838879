package io.logtojee.mail.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.OutgoingMail;
import io.logtojee.mail.Recipient;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.config.InMemoryMailConfigStore;
import io.logtojee.mail.config.TransportKind;
import io.logtojee.mail.limit.InMemorySendCounterStore;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.template.FixedLogtoTemplates;
import io.logtojee.mail.template.logto.LogtoEmailTemplate;
import io.logtojee.testsupport.MutableClock;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMTPS against GreenMail: one recipient, one-line subject, login as the sender address. */
class SmtpTransportTest {
  private static final String SMTP_PASSWORD = "smtp-pass";
  private static final String CODE = "739104";

  private GreenMail greenMail;
  private SmtpTransport transport;

  @BeforeEach
  void start() {
    greenMail =
        new GreenMail(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser(MailFixtures.SENDER, MailFixtures.SENDER, SMTP_PASSWORD));
    greenMail.start();
    transport = new SmtpTransport(settingsFor(greenMail.getSmtps().getPort()));
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private SmtpSettings settingsFor(int port) {
    return SmtpSettings.forLocalTestServer(
        greenMail.getSmtps().getBindTo(), port, new DummySSLSocketFactory());
  }

  private static AliyunDmConfig smtpConfig(String password) {
    return new AliyunDmConfig(
        MailFixtures.KEY_ID,
        MailFixtures.KEY_SECRET,
        MailFixtures.SENDER,
        "Example",
        null,
        MailFixtures.requiredTemplates(),
        "smtp",
        password,
        null);
  }

  private static OutgoingMail mail(String subject, String alias) {
    return new OutgoingMail(
        Recipient.parse("user@example.com"), subject, "<p>Your code is " + CODE + "</p>", alias);
  }

  @Test
  void deliversOneHtmlMailFromTheSenderAddress() throws Exception {
    SendReceipt receipt =
        transport.send(mail("Your code – 验证码", "Example"), smtpConfig(SMTP_PASSWORD));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals(1, received.length);
    MimeMessage message = received[0];
    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertEquals(MailFixtures.SENDER, from.getAddress());
    assertEquals("Example", from.getPersonal());
    assertArrayEquals(
        new Address[] {new InternetAddress("user@example.com")}, message.getAllRecipients());
    assertEquals("Your code – 验证码", message.getSubject());
    assertTrue(message.getContentType().startsWith("text/html"), message.getContentType());
    assertTrue(((String) message.getContent()).contains(CODE));
    assertEquals(message.getMessageID(), receipt.requestId());
    assertNull(receipt.envId(), "GreenMail reports no DirectMail EnvId");
  }

  @Test
  void headerInjectionThroughTheSubjectOrAliasIsImpossible() throws Exception {
    transport.send(
        mail("Hi\r\nBcc: spy@evil.test\r\nX-Evil: 1", "Ex\r\nBcc: spy2@evil.test"),
        smtpConfig(SMTP_PASSWORD));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals(1, received.length, "nobody but the recipient got a copy");
    MimeMessage message = received[0];
    assertEquals("HiBcc: spy@evil.testX-Evil: 1", message.getSubject());
    assertEquals(1, message.getHeader("Subject").length);
    assertNull(message.getHeader("Bcc"));
    assertNull(message.getHeader("X-Evil"));
    assertEquals(1, message.getAllRecipients().length);
    assertNull(message.getRecipients(Message.RecipientType.CC));
  }

  @Test
  void aWrongSmtpPasswordIsAConfigError() {
    MailException e =
        assertThrows(
            MailException.class, () -> transport.send(mail("s", null), smtpConfig("wrong")));
    assertEquals(MailErrorCode.INVALID_CONFIG, e.code());
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void anUnreachableServerIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SmtpTransport nowhere = new SmtpTransport(settingsFor(closedPort));
    MailException e =
        assertThrows(
            MailException.class, () -> nowhere.send(mail("s", null), smtpConfig(SMTP_PASSWORD)));
    assertEquals(MailErrorCode.PROVIDER_UNAVAILABLE, e.code());
  }

  @Test
  void aPlainTextLogtoTemplateIsSentAsTextPlainFromItsSendFromName() throws Exception {
    MailService service =
        new MailService(
            new InMemoryMailConfigStore(MailFixtures.strictLoader(), smtpConfig(SMTP_PASSWORD)),
            Map.of(TransportKind.SMTP, transport),
            new SendLimits(
                SendLimitPolicy.defaults(),
                new InMemorySendCounterStore(),
                new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))),
            new FixedLogtoTemplates(
                "en",
                new LogtoEmailTemplate(
                    "en",
                    "SignIn",
                    "Sign in",
                    "Code: {{code}} <not html>",
                    BodyFormat.TEXT,
                    "{{application.name}} team")));

    service.send(
        new EmailRequest(
            "user@example.com",
            "SignIn",
            Map.of("code", CODE, "application", Map.of("name", "Acme")),
            null));

    MimeMessage message = greenMail.getReceivedMessages()[0];
    assertTrue(message.getContentType().startsWith("text/plain"), message.getContentType());
    assertEquals("Code: " + CODE + " <not html>", ((String) message.getContent()).trim());
    assertEquals("Acme team", ((InternetAddress) message.getFrom()[0]).getPersonal());
  }

  @Test
  void theMailServiceRendersAndRefusesBadRecipientsBeforeSmtp() throws Exception {
    MailService service =
        new MailService(
            new InMemoryMailConfigStore(MailFixtures.strictLoader(), smtpConfig(SMTP_PASSWORD)),
            Map.of(TransportKind.SMTP, transport),
            new SendLimits(
                SendLimitPolicy.defaults(),
                new InMemorySendCounterStore(),
                new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))));

    for (String bad : List.of("a@x.test,b@y.test", "a@x.test\r\nBcc: b@y.test", "N <a@x.test>")) {
      MailException e =
          assertThrows(
              MailException.class,
              () -> service.send(new EmailRequest(bad, "SignIn", Map.of("code", CODE), null)));
      assertEquals(MailErrorCode.INVALID_RECIPIENT, e.code());
    }
    assertEquals(0, greenMail.getReceivedMessages().length);

    service.send(
        new EmailRequest(
            "user@example.com",
            "SignIn",
            Map.of("code", CODE, "application", Map.of("name", "<b>Demo</b>")),
            null));
    MimeMessage message = greenMail.getReceivedMessages()[0];
    assertEquals("Sign-in code", message.getSubject());
    assertEquals("<p>Sign in: " + CODE + "</p>", ((String) message.getContent()).trim());
    assertEquals(
        Collections.singletonList("user@example.com"),
        List.of(((InternetAddress) message.getAllRecipients()[0]).getAddress()));
  }

  @Test
  void readsTheEnvIdFromDirectMailsReply() {
    assertEquals(
        "600000123456789",
        SmtpTransport.envIdFrom("250 Data Ok: queued as freedom ###envid=600000123456789"));
    assertNull(SmtpTransport.envIdFrom("250 OK"));
    assertNull(SmtpTransport.envIdFrom(null));
  }
}
