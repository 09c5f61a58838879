package io.logtojee.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallerAuthorizationTest {
  private final CallerAuthorization check = new CallerAuthorization("Bearer s3cr3t-token");

  @Test
  void acceptsOnlyTheExactValue() {
    assertTrue(check.matches("Bearer s3cr3t-token"));
    assertFalse(check.matches("Bearer s3cr3t-token "));
    assertFalse(check.matches("bearer s3cr3t-token"));
    assertFalse(check.matches("Bearer s3cr3t"));
    assertFalse(check.matches(""));
    assertFalse(check.matches(null));
  }

  @Test
  void withNothingConfiguredNobodyIsAccepted() {
    CallerAuthorization none = new CallerAuthorization(" ");
    assertFalse(none.configured());
    assertFalse(none.matches(""));
    assertFalse(none.matches(" "));
    assertFalse(none.matches(null));
  }

  @Test
  void toStringDoesNotRevealTheValue() {
    assertEquals("CallerAuthorization[configured]", check.toString());
  }
}
