package io.logtojee.mail.config;

/** The pattern for values that end up in a mail header and so must not break the line. */
final class SingleLine {
  /** No control characters (CR, LF, tab, ...) and no Unicode line or paragraph separators. */
  static final String PATTERN = "[^\\p{Cntrl}\\u2028\\u2029]*";

  private SingleLine() {}
}
