package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.aliyun.AliyunSignature;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.RecordedMail;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the DirectMail fake must have received when Logto (the test provider's sign-in experience)
 * sent a sign-up code through the application: one correctly signed {@code SingleSendMail} to the
 * address, rendered from the German {@code Register} template of {@link MailFixtures}.
 */
final class CodeMails {

  /** The German Register template's text in front of the code. */
  static final String GERMAN_REGISTER_TEXT = "Ihr Registrierungscode lautet ";

  private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

  private CodeMails() {}

  /**
   * Waits for mail number {@code count}, asserts it is the German sign-up mail to {@code address}
   * and returns the code it carries.
   */
  static String germanRegisterCode(FakeDirectMail directMail, int count, String address)
      throws InterruptedException {
    assertTrue(
        directMail.awaitAccepted(count, Duration.ofSeconds(20)),
        "DirectMail accepted " + directMail.accepted().size() + " mails, expected " + count);
    RecordedMail mail = directMail.accepted().get(count - 1);
    Map<String, String> form = mail.parameters();
    assertEquals("SingleSendMail", form.get("Action"));
    assertEquals(address, mail.toAddress());
    assertEquals(Doubles.DM_KEY_ID, form.get("AccessKeyId"));
    // The fake accepted it, so its own independent check of the signature passed; the project's
    // signer must agree on the same parameters.
    assertEquals(
        AliyunSignature.sign("POST", form, Doubles.DM_KEY_SECRET),
        form.get("Signature"),
        "the HMAC-SHA1 signature over the received parameters");
    assertEquals("Willkommen bei Demo App", mail.subject(), "the Register template for de");
    Matcher code = CODE.matcher(mail.htmlBody());
    assertTrue(code.find(), mail.htmlBody());
    assertTrue(
        mail.htmlBody().contains(GERMAN_REGISTER_TEXT + code.group(1)),
        "HtmlBody from the German Register template: " + mail.htmlBody());
    return code.group(1);
  }
}
