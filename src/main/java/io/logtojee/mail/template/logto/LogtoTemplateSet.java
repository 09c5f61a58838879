package io.logtojee.mail.template.logto;

import io.logtojee.mail.TemplateType;
import io.logtojee.mail.template.ResolvedTemplate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * All of Logto's email templates and its fallback language, as one fetch found them, with Logto
 * core's choice among them ({@code libraries/connector.ts} {@code getI18nEmailTemplate}): (type,
 * locale), then (type, fallback language), then (Generic, fallback language). Language tags match
 * exactly, as Logto's database lookup does.
 *
 * <p>Immutable: a refresh builds a new set, and sends read whichever set is current.
 */
public final class LogtoTemplateSet {
  private final List<LogtoEmailTemplate> templates;
  private final String fallbackLanguage;
  private final Instant fetchedAt;
  private final Map<String, ResolvedTemplate> byKey;

  /**
   * @param fallbackLanguage the sign-in experience's {@code languageInfo.fallbackLanguage}
   * @param fetchedAt when the fetch completed
   */
  public LogtoTemplateSet(
      List<LogtoEmailTemplate> templates, String fallbackLanguage, Instant fetchedAt) {
    this.templates = List.copyOf(templates);
    this.fallbackLanguage = Objects.requireNonNull(fallbackLanguage, "fallbackLanguage");
    this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
    this.byKey = index(this.templates);
  }

  public List<LogtoEmailTemplate> templates() {
    return templates;
  }

  public String fallbackLanguage() {
    return fallbackLanguage;
  }

  public Instant fetchedAt() {
    return fetchedAt;
  }

  /** Logto's template for this type and payload locale, if it has one. */
  public Optional<ResolvedTemplate> find(String type, String locale) {
    ResolvedTemplate found = null;
    if (locale != null) {
      found = byKey.get(key(type, locale));
    }
    if (found == null) {
      found = byKey.get(key(type, fallbackLanguage));
    }
    if (found == null) {
      found = byKey.get(key(TemplateType.GENERIC.wireName(), fallbackLanguage));
    }
    return Optional.ofNullable(found);
  }

  /** The templates' language tags and the fallback language. */
  public Set<String> languageTags() {
    Set<String> tags = new TreeSet<>();
    templates.forEach(t -> tags.add(t.languageTag()));
    tags.add(fallbackLanguage);
    return tags;
  }

  /** Resolved once per fetch, so that a send finds a ready template. */
  private static Map<String, ResolvedTemplate> index(List<LogtoEmailTemplate> templates) {
    // Logto keeps one template per (tenant, language, type); the first wins should a list repeat.
    Map<String, ResolvedTemplate> byKey = new LinkedHashMap<>();
    for (LogtoEmailTemplate template : templates) {
      byKey.putIfAbsent(key(template.templateType(), template.languageTag()), template.resolved());
    }
    return byKey;
  }

  private static String key(String type, String languageTag) {
    return type + '\u0000' + languageTag;
  }
}
