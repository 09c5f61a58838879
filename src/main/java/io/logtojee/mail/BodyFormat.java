package io.logtojee.mail;

/**
 * Whether a mail's body is HTML or plain text. Logto's email templates say which with {@code
 * contentType}; the connector configuration's templates are always HTML, as in Logto's DirectMail
 * connector.
 */
public enum BodyFormat {
  HTML("text/html"),
  TEXT("text/plain");

  private final String mediaType;

  BodyFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** {@code text/html} or {@code text/plain}, as Logto's {@code contentType} spells them. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The format Logto's {@code contentType} names: plain text only for exactly {@code text/plain}
   * (Logto's schema allows nothing else besides HTML), HTML otherwise, including when it is absent.
   */
  public static BodyFormat ofContentType(String contentType) {
    return TEXT.mediaType.equals(contentType) ? TEXT : HTML;
  }
}
