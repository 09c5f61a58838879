package io.logtojee.mail.template;

import io.logtojee.mail.template.logto.LogtoEmailTemplate;
import io.logtojee.mail.template.logto.LogtoTemplateSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Logto templates as if just fetched, for tests of what a send does with them. */
public final class FixedLogtoTemplates implements LogtoTemplates {
  private final LogtoTemplateSet set;

  public FixedLogtoTemplates(String fallbackLanguage, LogtoEmailTemplate... templates) {
    this.set = new LogtoTemplateSet(List.of(templates), fallbackLanguage, Instant.EPOCH);
  }

  @Override
  public Optional<ResolvedTemplate> find(String type, String locale) {
    return set.find(type, locale);
  }

  @Override
  public Set<String> languageTags() {
    return set.languageTags();
  }

  @Override
  public LogtoTemplatesStatus status() {
    return new LogtoTemplatesStatus(
        true, set.fetchedAt(), null, true, set.fallbackLanguage(), set.templates().size());
  }
}
