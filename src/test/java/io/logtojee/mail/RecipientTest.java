package io.logtojee.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MAIL-02: anything but exactly one plain address is refused before any provider call. */
class RecipientTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@x.test,b@y.test",
        "a@x.test;b@y.test",
        "a@x.test\r\nBcc: b@y.test",
        "a@x.test\nBcc: b@y.test",
        "a@x.test\r\n",
        "\ta@x.test",
        "N <a@x.test>",
        "<a@x.test>",
        "\"a b\"@x.test",
        "a b@x.test",
        "a@x.test b@y.test",
        "a@@x.test",
        "a@x@y.test",
        "@x.test",
        "a@",
        "a@localhost",
        "a@x..test",
        "a@-x.test",
        ".a@x.test",
        "a..b@x.test",
        "a(comment)@x.test",
        "a@[127.0.0.1]",
        "",
        "   "
      })
  void refusesAnythingButOnePlainAddress(String to) {
    MailException e = assertThrows(MailException.class, () -> Recipient.parse(to));
    assertEquals(MailErrorCode.INVALID_RECIPIENT, e.code());
  }

  @Test
  void refusesNull() {
    assertEquals(
        MailErrorCode.INVALID_RECIPIENT,
        assertThrows(MailException.class, () -> Recipient.parse(null)).code());
  }

  @Test
  void acceptsOneHundredNinetyTwoCharactersButNotOneHundredNinetyThree() {
    String domain = "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(4) + ".test";
    String at192 = "l".repeat(192 - domain.length()) + domain;
    assertEquals(192, at192.length());
    assertEquals(at192, Recipient.parse(at192).address());

    String at193 = "l" + at192;
    MailException e = assertThrows(MailException.class, () -> Recipient.parse(at193));
    assertEquals("to must be at most 192 characters", e.getMessage());
  }

  @Test
  void refusesAnAddressOfTwoHundredFiftyFourCharacters() {
    String at254 =
        "l".repeat(64)
            + "@"
            + "c"
            + "."
            + "d".repeat(60)
            + "."
            + "e".repeat(60)
            + "."
            + "f".repeat(60)
            + ".test";
    assertEquals(254, at254.length());
    assertThrows(MailException.class, () -> Recipient.parse(at254));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user@example.com",
        "first.last+tag@sub.example.co",
        "o'brien@example.ie",
        "用户@例子.公司",
        "UPPER@EXAMPLE.COM",
        "a_b-c=d@x-y.test"
      })
  void acceptsPlainAddresses(String to) {
    assertEquals(to, Recipient.parse(to).address());
  }

  @Test
  void forgivesSurroundingSpacesAndCountsCaseInsensitively() {
    Recipient padded = Recipient.parse("  Jane.Doe@Example.COM ");
    assertEquals("Jane.Doe@Example.COM", padded.address());
    assertEquals("jane.doe@example.com", padded.limitKey());
    assertEquals(Recipient.parse("jane.doe@example.com").limitKey(), padded.limitKey());
  }

  @Test
  void masksTheLocalPartForLogs() {
    Recipient recipient = Recipient.parse("jane.doe@example.com");
    assertEquals("j***@example.com", recipient.masked());
    assertEquals("j***@example.com", recipient.toString());
  }

  // The tests below pin edges the mutation run found untested. They check only whether an address
  // is accepted, not the form it is kept in, so they hold whatever normalisation is added.

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AZaz09@AZaz09.test",
        "zz@zz.test",
        "99@99.test",
        "!a@x.test",
        "a!b@x.test",
        "a~@x.test",
        "a{b}@x.test",
        "a`b@x.test"
      })
  void acceptsTheFirstAndLastCharacterOfEachAllowedRange(String to) {
    Recipient.parse(to);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@x`y.test",
        "a@x{y.test",
        "a@x@y.test",
        "a@x[y.test",
        "a@x/y.test",
        "a@x:y.test",
        "a@x!y.test",
        "a@x_y.test",
        "a\u007f@x.test",
        "a@x\u007fy.test"
      })
  void refusesTheCharactersJustOutsideEachRange(String to) {
    assertEquals(
        MailErrorCode.INVALID_RECIPIENT,
        assertThrows(MailException.class, () -> Recipient.parse(to)).code());
  }

  @Test
  void acceptsALocalPartOf64CharactersButNot65() {
    Recipient.parse("l".repeat(64) + "@x.test");
    assertThrows(MailException.class, () -> Recipient.parse("l".repeat(65) + "@x.test"));
  }

  @Test
  void acceptsADomainLabelOf63CharactersButNot64() {
    Recipient.parse("a@" + "d".repeat(63) + ".test");
    assertThrows(MailException.class, () -> Recipient.parse("a@" + "d".repeat(64) + ".test"));
  }

  @Test
  void recipientsOfTheSameAddressAreEqual() {
    Recipient one = Recipient.parse("jane@example.test");
    Recipient same = Recipient.parse(" jane@example.test ");
    Recipient other = Recipient.parse("john@example.test");

    assertEquals(one, same);
    assertEquals(one.hashCode(), same.hashCode());
    assertNotEquals(one, other);
    assertNotEquals(one, (Object) "jane@example.test");
  }
}
