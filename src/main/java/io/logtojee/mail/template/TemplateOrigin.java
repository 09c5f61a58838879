package io.logtojee.mail.template;

/** Where the template of a mail came from, as the admin console names it. */
public enum TemplateOrigin {
  /** One of Logto's own email templates, read through its Management API. */
  LOGTO("logto"),
  /** One of the connector configuration's templates. */
  CONFIGURATION("configuration");

  private final String wireName;

  TemplateOrigin(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
