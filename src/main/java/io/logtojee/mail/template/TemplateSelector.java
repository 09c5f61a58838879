package io.logtojee.mail.template;

import io.logtojee.mail.TemplateType;
import io.logtojee.mail.config.MailTemplate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the template for a request: (type, locale), then type, then (Generic, locale), then
 * Generic; the first match in list order wins, as in Logto.
 *
 * <p>Within each type the locale is matched exactly (ignoring case) first, then by primary language
 * ({@code fr-CA} finds {@code fr}); "type" alone means a template of that type without a locale,
 * else any template of that type.
 */
public final class TemplateSelector {
  public Optional<MailTemplate> select(List<MailTemplate> templates, String type, String locale) {
    Optional<MailTemplate> own = selectForType(templates, type, locale);
    return own.isPresent()
        ? own
        : selectForType(templates, TemplateType.GENERIC.wireName(), locale);
  }

  private static Optional<MailTemplate> selectForType(
      List<MailTemplate> templates, String type, String locale) {
    List<MailTemplate> ofType =
        templates.stream().filter(t -> t != null && t.usageType().equals(type)).toList();
    if (ofType.isEmpty()) {
      return Optional.empty();
    }
    if (locale != null && !locale.isBlank()) {
      String wanted = normalise(locale);
      Optional<MailTemplate> exact = first(ofType, t -> wanted.equals(normalise(t.locale())));
      if (exact.isPresent()) {
        return exact;
      }
      String language = primaryLanguage(wanted);
      Optional<MailTemplate> sameLanguage =
          first(
              ofType,
              t -> t.locale() != null && language.equals(primaryLanguage(normalise(t.locale()))));
      if (sameLanguage.isPresent()) {
        return sameLanguage;
      }
    }
    Optional<MailTemplate> unlocalised = first(ofType, t -> t.locale() == null);
    return unlocalised.isPresent() ? unlocalised : Optional.of(ofType.get(0));
  }

  private static Optional<MailTemplate> first(
      List<MailTemplate> templates, Predicate<MailTemplate> test) {
    return templates.stream().filter(test).findFirst();
  }

  private static String normalise(String locale) {
    return locale == null ? null : locale.trim().replace('_', '-').toLowerCase(Locale.ROOT);
  }

  private static String primaryLanguage(String normalisedLocale) {
    int dash = normalisedLocale.indexOf('-');
    return dash < 0 ? normalisedLocale : normalisedLocale.substring(0, dash);
  }
}
