package io.logtojee.testsupport.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmailLocaleTest {

  @Test
  void uiLocalesWinsWithItsFirstTag() {
    assertEquals("fr-CA", EmailLocale.resolve(" fr-CA  fr en", "de"));
  }

  @Test
  void withoutUiLocalesTheBrowsersPreferredLanguageIsUsed() {
    assertEquals("de", EmailLocale.resolve(null, "en;q=0.8, de, fr;q=0.9"));
    assertEquals("en-GB", EmailLocale.resolve("  ", "*, en-GB;q=0.7"));
  }

  @Test
  void withNeitherTheFallbackLanguageIsUsed() {
    assertEquals("en", EmailLocale.resolve(null, null));
    assertEquals("en", EmailLocale.resolve("", "*"));
  }
}
