package io.logtojee.mail.config;

/**
 * Holds the active mail configuration and replaces it under optimistic concurrency control.
 *
 * <p>Readers take {@link #snapshot()}: the config inside is immutable and is swapped by reference,
 * so a send in progress keeps the config it started with.
 */
public interface MailConfigStore {
  /** The current state; cheap, never blocks on a writer. */
  MailConfigSnapshot snapshot();

  /**
   * Replaces the configuration.
   *
   * <p>Absent (null) {@code accessKeySecret} and {@code smtpPassword} are taken from the stored
   * configuration; the merged result is validated before anything is written; the old configuration
   * stays active when anything fails.
   *
   * @param candidate the new configuration, usually from {@link
   *     MailConfigLoader#parseUnvalidated(String)}
   * @param ifMatch the If-Match value the admin sent: the ETag of the version edited, or {@code *}
   * @return the new state
   * @throws io.logtojee.mail.MailException with {@code CONFIG_PRECONDITION_REQUIRED} when {@code
   *     ifMatch} is null or blank, {@code CONFIG_PRECONDITION_FAILED} when it does not match the
   *     current ETag, {@code CONFIG_WRITE_FAILED} when the file cannot be replaced atomically
   * @throws InvalidMailConfigException when the merged configuration breaks a rule
   */
  MailConfigSnapshot replace(AliyunDmConfig candidate, String ifMatch);
}
