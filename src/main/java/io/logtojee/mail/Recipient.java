package io.logtojee.mail;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Exactly one e-mail address that is safe to hand to DirectMail or SMTP.
 *
 * <p>DirectMail's {@code ToAddress} takes up to 100 comma-separated addresses and SMTP headers can
 * be extended with CR/LF, so anything beyond a single plain addr-spec would let a caller copy the
 * code to a second mailbox. The rules are therefore stricter than RFC 5322: a dot-atom local part,
 * a dotted domain, no quotes, brackets, separators, whitespace or control characters, and at most
 * {@value #MAX_LENGTH} characters, DirectMail's per-address limit.
 */
public final class Recipient {
  /** DirectMail's per-address limit ({@code EmailLengthError}). */
  public static final int MAX_LENGTH = 192;

  private static final int MAX_LOCAL_PART = 64;
  private static final int MAX_LABEL = 63;
  private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

  private final String address;

  private Recipient(String address) {
    this.address = address;
  }

  /**
   * The recipient for {@code raw}, after removing surrounding spaces.
   *
   * @throws MailException with {@link MailErrorCode#INVALID_RECIPIENT} otherwise
   */
  public static Recipient parse(String raw) {
    String candidate = raw == null ? null : stripSpaces(raw);
    Optional<String> problem = problemWith(candidate);
    if (problem.isPresent()) {
      throw new MailException(MailErrorCode.INVALID_RECIPIENT, "to " + problem.get());
    }
    return new Recipient(candidate);
  }

  /**
   * Why {@code address} is not exactly one acceptable address, as a phrase such as "must be a
   * single email address"; empty when it is acceptable. Surrounding spaces are not removed here.
   */
  public static Optional<String> problemWith(String address) {
    if (address == null || address.isEmpty()) {
      return Optional.of("must not be blank");
    }
    if (address.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (!isSingleAddrSpec(address)) {
      return Optional.of(
          "must be a single email address such as name@example.com,"
              + " without separators, brackets, quotes, spaces or line breaks");
    }
    return Optional.empty();
  }

  /** The address as given, minus surrounding spaces; this is what the mail is sent to. */
  public String address() {
    return address;
  }

  /** Trimmed and lower-cased, so re-cased or padded variants count against the same limits. */
  public String limitKey() {
    return address.toLowerCase(Locale.ROOT);
  }

  /**
   * The address with the local part hidden, e.g. {@code j***@example.com}; the only form logged.
   */
  public String masked() {
    int at = address.lastIndexOf('@');
    return address.charAt(0) + "***" + address.substring(at);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Recipient that && address.equals(that.address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address);
  }

  @Override
  public String toString() {
    return masked();
  }

  private static String stripSpaces(String raw) {
    // Only plain spaces are forgiven; CR, LF and tabs stay, so they are rejected below.
    int start = 0;
    int end = raw.length();
    while (start < end && raw.charAt(start) == ' ') {
      start++;
    }
    while (end > start && raw.charAt(end - 1) == ' ') {
      end--;
    }
    return raw.substring(start, end);
  }

  private static boolean isSingleAddrSpec(String address) {
    int at = address.indexOf('@');
    if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
      return false;
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    return local.length() <= MAX_LOCAL_PART && isDotAtom(local) && isDomain(domain);
  }

  private static boolean isDotAtom(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    return local
        .codePoints()
        .allMatch(cp -> cp == '.' || isAsciiAlnum(cp) || isNonAsciiWord(cp) || isAtextSpecial(cp));
  }

  private static boolean isDomain(String domain) {
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty()
          || label.length() > MAX_LABEL
          || label.startsWith("-")
          || label.endsWith("-")
          || !label
              .codePoints()
              .allMatch(cp -> cp == '-' || isAsciiAlnum(cp) || isNonAsciiWord(cp))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlnum(int cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }

  private static boolean isNonAsciiWord(int cp) {
    // Internationalised addresses (RFC 6531) may use letters and digits beyond ASCII; none of those
    // can act as a separator or a line break.
    return cp > 0x7F && Character.isLetterOrDigit(cp);
  }

  private static boolean isAtextSpecial(int cp) {
    return cp < 0x80 && ATEXT_SPECIALS.indexOf(cp) >= 0;
  }
}
