package io.logtojee.mail.template;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.TemplateType;
import io.logtojee.mail.config.MailTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Chooses a mail's template the way Logto's built-in connectors do: Logto's own template first
 * ({@link LogtoTemplates#find}), else the connector configuration's ({@link TemplateSelector}).
 * Neither step does I/O, so a send never waits for Logto.
 */
public final class TemplateResolver {
  private final LogtoTemplates logto;
  private final TemplateSelector configSelector = new TemplateSelector();

  public TemplateResolver(LogtoTemplates logto) {
    this.logto = Objects.requireNonNull(logto, "logto");
  }

  /**
   * The template for a mail of {@code type} in {@code locale}.
   *
   * @param configTemplates the active configuration's templates
   * @param locale the payload's {@code locale}, or null
   */
  public Optional<ResolvedTemplate> resolve(
      List<MailTemplate> configTemplates, String type, String locale) {
    Optional<ResolvedTemplate> fromLogto = logto.find(type, locale);
    if (fromLogto.isPresent()) {
      return fromLogto;
    }
    return configSelector.select(configTemplates, type, locale).map(TemplateResolver::fromConfig);
  }

  /**
   * For each of Logto's template types, and for no locale and each locale known (Logto's language
   * tags and fallback language, the configuration's locales), which template a mail would get.
   */
  public TemplateOverview overview(List<MailTemplate> configTemplates) {
    TreeSet<String> locales = new TreeSet<>(logto.languageTags());
    configTemplates.stream()
        .map(MailTemplate::locale)
        .filter(Objects::nonNull)
        .forEach(locales::add);
    List<String> rowLocales = new ArrayList<>();
    rowLocales.add(null);
    rowLocales.addAll(locales);
    List<TemplateOverview.Row> rows = new ArrayList<>();
    for (TemplateType type : TemplateType.values()) {
      for (String locale : rowLocales) {
        rows.add(
            new TemplateOverview.Row(
                type.wireName(),
                locale,
                resolve(configTemplates, type.wireName(), locale).orElse(null)));
      }
    }
    return new TemplateOverview(logto.status(), rows);
  }

  private static ResolvedTemplate fromConfig(MailTemplate template) {
    // The configuration's templates are HTML and name no sender, as in Logto's connector config.
    return new ResolvedTemplate(
        template.usageType(),
        template.locale(),
        template.subject(),
        template.content(),
        BodyFormat.HTML,
        null,
        TemplateOrigin.CONFIGURATION);
  }
}
