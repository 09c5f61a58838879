package io.logtojee.testsupport.op;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code payload.locale} of a code mail, chosen as Logto's {@code koa-email-i18n} does ({@code
 * logto.md} 3.5): the first tag of the authorization request's {@code ui_locales}, else the
 * preferred language of the browser's {@code Accept-Language} (Logto's auto-detect, on by default),
 * else the fallback language {@code en}. Logto also matches the tag against the languages its
 * experience supports; any well-formed tag is taken here, and the sender's template choice falls
 * back by primary language anyway.
 */
final class EmailLocale {
  static final String FALLBACK = "en";

  private EmailLocale() {}

  static String resolve(String uiLocales, String acceptLanguage) {
    return firstWord(uiLocales).or(() -> preferred(acceptLanguage)).orElse(FALLBACK);
  }

  private static Optional<String> firstWord(String uiLocales) {
    if (uiLocales == null || uiLocales.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(uiLocales.trim().split("\\s+")[0]);
  }

  /** The range with the highest {@code q} (the first of equals), ignoring {@code *}. */
  private static Optional<String> preferred(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Optional.empty();
    }
    return Arrays.stream(acceptLanguage.split(","))
        .map(String::trim)
        .filter(range -> !range.isEmpty() && !range.startsWith("*"))
        .sorted(Comparator.comparingDouble(EmailLocale::quality).reversed())
        .map(range -> range.split(";")[0].trim())
        .filter(tag -> !tag.isEmpty())
        .findFirst();
  }

  private static double quality(String range) {
    for (String parameter : range.split(";")) {
      String p = parameter.trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
