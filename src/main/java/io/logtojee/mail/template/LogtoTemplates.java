package io.logtojee.mail.template;

import java.util.Optional;
import java.util.Set;

/**
 * Logto's own email templates, as far as this node knows them. A send asks without waiting for
 * Logto: an implementation answers from what it fetched before, and an empty answer sends the
 * caller on to the configuration's templates.
 */
public interface LogtoTemplates {

  /**
   * Logto's template for a mail of {@code type}, chosen as Logto's core does: (type, {@code
   * locale}), then (type, fallback language), then (Generic, fallback language).
   *
   * @param locale the payload's {@code locale}, or null
   */
  Optional<ResolvedTemplate> find(String type, String locale);

  /** The language tags of Logto's templates, and its fallback language; empty when unknown. */
  Set<String> languageTags();

  /** Whether the source is set up and how its last fetch went. */
  LogtoTemplatesStatus status();

  /** The source of a deployment without a machine-to-machine app: it never has a template. */
  static LogtoTemplates none() {
    return NoLogtoTemplates.INSTANCE;
  }
}
