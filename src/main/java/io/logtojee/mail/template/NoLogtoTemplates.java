package io.logtojee.mail.template;

import java.util.Optional;
import java.util.Set;

/** {@link LogtoTemplates#none()}: no Management API access, so only the configuration counts. */
enum NoLogtoTemplates implements LogtoTemplates {
  INSTANCE;

  @Override
  public Optional<ResolvedTemplate> find(String type, String locale) {
    return Optional.empty();
  }

  @Override
  public Set<String> languageTags() {
    return Set.of();
  }

  @Override
  public LogtoTemplatesStatus status() {
    return LogtoTemplatesStatus.NOT_CONFIGURED;
  }
}
