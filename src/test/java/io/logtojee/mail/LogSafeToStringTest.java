package io.logtojee.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a log line may show of a mail: never the code, the subject, the body or the address. */
class LogSafeToStringTest {

  @Test
  void anEmailRequestShowsItsShapeButNotTheCodeOrTheAddress() {
    String text =
        new EmailRequest("jane.doe@example.test", "SignIn", Map.of("code", "482913"), "203.0.113.7")
            .toString();

    assertFalse(text.contains("482913"), text);
    assertFalse(text.contains("jane.doe"), text);
    assertTrue(
        text.contains("SignIn") && text.contains("code") && text.contains("203.0.113.7"), text);
  }

  @Test
  void anEmailRequestToAnInvalidAddressStillPrints() {
    String text = new EmailRequest("not an address", "SignIn", Map.of(), null).toString();

    assertTrue(text.contains("(invalid)"), text);
    assertFalse(text.contains("not an address"), text);
  }

  @Test
  void anOutgoingMailShowsNeitherSubjectNorBody() {
    String text =
        new OutgoingMail(
                Recipient.parse("jane.doe@example.test"),
                "Your code 482913",
                "<p>482913</p>",
                "Demo")
            .toString();

    assertTrue(text.startsWith("OutgoingMail[to="), text);
    assertFalse(text.contains("482913"), text);
    assertFalse(text.contains("jane.doe"), text);
  }
}
