package io.logtojee.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.testsupport.dm.RecordedMail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailViewerPageTest {

  private static RecordedMail mail(String to, String subject, String body, Instant at) {
    return new RecordedMail(
        to,
        subject,
        body,
        "Demo",
        "noreply@demo.example.test",
        "cn-hangzhou",
        "n",
        "e",
        "r",
        at,
        Map.of());
  }

  @Test
  void listsTheMailsNewestFirstWithRecipientSubjectAndCode() {
    String page =
        MailViewerPage.render(
            List.of(
                mail(
                    "old@example.test",
                    "Old",
                    "<p>Code <b>111111</b></p>",
                    Instant.ofEpochSecond(10)),
                mail(
                    "new@example.test",
                    "New",
                    "<p>Code <b>222222</b></p>",
                    Instant.ofEpochSecond(20))));

    assertTrue(page.indexOf("new@example.test") < page.indexOf("old@example.test"), page);
    assertTrue(page.contains("<span class=\"code\">222222</span>"), page);
    assertTrue(page.contains("<h2 class=\"subject\">New</h2>"), page);
    assertFalse(page.contains("id=\"no-mail\""));
  }

  @Test
  void theBodyIsShownEscapedInASandboxedFrameAndTheHeadersEscaped() {
    String page =
        MailViewerPage.render(
            List.of(
                mail(
                    "a@example.test",
                    "<script>alert(1)</script>",
                    "<p onclick=\"x\">Hi & \"bye\"</p><script>alert(2)</script>",
                    Instant.EPOCH)));

    assertFalse(page.contains("<script>"), page);
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
    assertTrue(
        page.contains(
            "sandbox srcdoc=\"&lt;p onclick=&quot;x&quot;&gt;Hi &amp; &quot;bye&quot;&lt;/p&gt;"),
        page);
  }

  @Test
  void theCodeIsTheFirstSixDigitNumberOfTheText() {
    assertEquals(
        Optional.of("123456"),
        MailViewerPage.code("<p style=\"width:1234567px\">Code <b>123456</b>."));
    assertEquals(Optional.of("004711"), MailViewerPage.code("Ihr Code lautet 004711."));
    assertEquals(Optional.empty(), MailViewerPage.code("<p>No code, only 12345 and 1234567</p>"));
    assertEquals(Optional.empty(), MailViewerPage.code(null));
  }

  @Test
  void anEmptyInboxSaysWhatToDo() {
    assertTrue(MailViewerPage.render(List.of()).contains("id=\"no-mail\""));
  }
}
