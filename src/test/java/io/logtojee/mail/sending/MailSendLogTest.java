package io.logtojee.mail.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.LogCapture;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.Recipient;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.TransportKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact text of each send log line; operators and log searches depend on it. */
class MailSendLogTest {
  private static final Recipient JANE = Recipient.parse("jane.doe@example.com");

  private static String onlyLine(LogCapture logs) {
    List<String> lines = logs.lines();
    assertEquals(1, lines.size(), logs.text());
    return lines.get(0);
  }

  @Test
  void aRefusalNamesTheCodeTypeAndMaskedRecipient() {
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailSendLog.refused(MailErrorCode.MAIL_DISABLED, "SignIn", JANE);
      assertEquals(
          "WARNING mail refused: code=mail_disabled type=SignIn to=j***@example.com",
          onlyLine(logs));
    }
  }

  @Test
  void aLimitAddsTheCleanedIpAndTheWait() {
    MailException limited =
        new MailException(
            MailErrorCode.RATE_LIMITED, "slow down", null, null, Duration.ofSeconds(42), null);
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailSendLog.limited(limited, "SignIn", JANE, "203.0.113.7\r\nforged");
      assertEquals(
          "WARNING mail refused: code=rate_limited type=SignIn to=j***@example.com"
              + " ip=203.0.113.7??forged retryAfter=42s",
          onlyLine(logs));
    }
    MailException noWait = new MailException(MailErrorCode.RATE_LIMITED, "slow down");
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailSendLog.limited(noWait, "SignIn", JANE, null);
      assertEquals(
          "WARNING mail refused: code=rate_limited type=SignIn to=j***@example.com"
              + " ip=- retryAfter=-",
          onlyLine(logs));
    }
  }

  @Test
  void aSendNamesTheTransportAndTheProvidersIds() {
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailSendLog.sent(
          "SignIn", JANE, TransportKind.API, new SendReceipt("env-1", "req-1"), System.nanoTime());
      String line = onlyLine(logs);
      assertTrue(
          line.matches(
              "INFO mail sent: type=SignIn to=j\\*\\*\\*@example\\.com transport=api"
                  + " envId=env-1 requestId=req-1 ms=\\d+"),
          line);
    }
  }

  @Test
  void aFailureNamesOurCodeAndTheProvidersCodeAndRequestId() {
    MailException spam =
        new MailException(
            MailErrorCode.PROVIDER_REJECTED,
            "rejected",
            "InvalidSendMail.Spam",
            "req-2",
            null,
            null);
    MailException bare = new MailException(MailErrorCode.OUTCOME_UNKNOWN, "maybe");
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailSendLog.notSent(spam, "SignIn", JANE, System.nanoTime());
      MailSendLog.notSent(bare, "Register", JANE, System.nanoTime());
      List<String> lines = logs.lines();
      assertEquals(2, lines.size(), logs.text());
      assertTrue(
          lines
              .get(0)
              .matches(
                  "WARNING mail not sent: code=provider_rejected"
                      + " providerCode=InvalidSendMail\\.Spam requestId=req-2 type=SignIn"
                      + " to=j\\*\\*\\*@example\\.com ms=\\d+ counted=no"),
          lines.get(0));
      assertTrue(
          lines
              .get(1)
              .matches(
                  "WARNING mail not sent: code=outcome_unknown providerCode=- requestId=-"
                      + " type=Register to=j\\*\\*\\*@example\\.com ms=\\d+ counted=yes"),
          lines.get(1));
    }
  }

  @Test
  void anUnexpectedErrorIsSevereWithItsCause() {
    try (LogCapture logs = LogCapture.mailLogs()) {
      MailSendLog.unexpected(new IllegalStateException("bug"), "SignIn", JANE);
      assertEquals(
          "SEVERE mail outcome unknown after an unexpected error: type=SignIn"
              + " to=j***@example.com | java.lang.IllegalStateException: bug",
          onlyLine(logs));
    }
  }

  @Test
  void loggableIpsKeepOnlyIpCharactersAndAtMost64() {
    assertEquals("-", MailSendLog.loggable(null));
    assertEquals("2001:db8::1", MailSendLog.loggable("2001:db8::1"));
    assertEquals("[::1]", MailSendLog.loggable("[::1]"));
    assertEquals("1.2.3.4??script?", MailSendLog.loggable("1.2.3.4 <script>"));
    assertEquals(64, MailSendLog.loggable("1".repeat(100)).length());
  }
}
