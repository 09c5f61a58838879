package io.logtojee.mail;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Exactly one e-mail address that is safe to hand to DirectMail or SMTP, with the key its sends are
 * counted under.
 *
 * <p>DirectMail's {@code ToAddress} takes up to 100 comma-separated addresses and SMTP headers can
 * be extended with CR/LF, so anything beyond a single plain addr-spec would let a caller copy the
 * code to a second mailbox. The rules are therefore stricter than RFC 5322: a dot-atom local part,
 * a dotted domain, no quotes, brackets, separators, whitespace or control characters, and at most
 * {@value #MAX_LENGTH} characters, DirectMail's per-address limit.
 *
 * <p>The rules apply to the address as a mailbox reads it: in Unicode NFKC, so full-width and other
 * compatibility forms are the plain characters they stand for, with the domain then converted to
 * its ASCII form (IDNA: {@code bücher.example} becomes {@code xn--bcher-kva.example}). What does
 * not survive that is refused: a character whose NFKC form is a space or separator, a domain
 * without an ASCII form, a domain whose ASCII form IDNA2003 and IDNA2008 disagree on, an address
 * too long once its domain is ASCII. The limit key is the normalised address in lower case.
 * Plus-addressing ({@code a+tag@}) is not folded: whether {@code +} starts a sub-address is each
 * mail provider's own rule.
 */
public final class Recipient {
  /** DirectMail's per-address limit ({@code EmailLengthError}). */
  public static final int MAX_LENGTH = 192;

  private static final int MAX_LOCAL_PART = 64;
  private static final int MAX_LABEL = 63;
  private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";
  private static final String SINGLE_ADDRESS =
      "must be a single email address such as name@example.com,"
          + " without separators, brackets, quotes, spaces or line breaks";

  /**
   * Letters that IDNA2003 (what {@link IDN} implements) maps to other letters while IDNA2008 keeps
   * them ({@code straße.de} is {@code strasse.de} to one and {@code xn--strae-oqa.de} to the
   * other), so the domain they name is ambiguous: sharp s, capital sharp s and final sigma.
   */
  private static final String IDNA_DEVIATIONS = "\u00DF\u1E9E\u03C2";

  private final String address;
  private final String limitKey;

  private Recipient(String address, String limitKey) {
    this.address = address;
    this.limitKey = limitKey;
  }

  /**
   * The recipient for {@code raw}, after removing surrounding spaces and normalising.
   *
   * @throws MailException with {@link MailErrorCode#INVALID_RECIPIENT} otherwise
   */
  public static Recipient parse(String raw) {
    String candidate = raw == null ? null : stripSpaces(raw);
    Normalised normalised = normalise(candidate);
    if (normalised.problem() != null) {
      throw new MailException(MailErrorCode.INVALID_RECIPIENT, "to " + normalised.problem());
    }
    return new Recipient(normalised.address(), normalised.limitKey());
  }

  /**
   * Why {@code address} is not exactly one acceptable address, as a phrase such as "must be a
   * single email address"; empty when it is acceptable. Surrounding spaces are not removed here.
   */
  public static Optional<String> problemWith(String address) {
    return Optional.ofNullable(normalise(address).problem());
  }

  /**
   * What the mail is sent to: the address as given minus surrounding spaces, in Unicode NFKC and
   * with the domain in its ASCII form. A plain ASCII address is therefore sent exactly as given.
   */
  public String address() {
    return address;
  }

  /**
   * The key its sends are counted under: the normalised address in lower case, so re-cased, padded,
   * full-width and IDN (U-label or A-label) spellings of one mailbox count as one.
   */
  public String limitKey() {
    return limitKey;
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

  /** The outcome of {@link #normalise}: a problem, or the address to send to and its key. */
  private record Normalised(String problem, String address, String limitKey) {
    static Normalised refused(String problem) {
      return new Normalised(problem, null, null);
    }
  }

  private static Normalised normalise(String given) {
    if (given == null || given.isEmpty()) {
      return Normalised.refused("must not be blank");
    }
    if (given.length() > MAX_LENGTH) {
      return Normalised.refused("must be at most " + MAX_LENGTH + " characters");
    }
    // Compatibility forms (full-width letters and signs, ligatures, decomposed accents) become the
    // characters a mailbox knows, and the rules apply to that form: a character whose expansion
    // holds a space or a separator makes the address invalid here.
    String nfkc = Normalizer.normalize(given, Normalizer.Form.NFKC);
    if (!isSingleAddrSpec(nfkc)) {
      return Normalised.refused(
          isSingleAddrSpec(given)
              ? SINGLE_ADDRESS + ", also once Unicode-normalised (NFKC)"
              : SINGLE_ADDRESS);
    }
    int at = nfkc.indexOf('@');
    String local = nfkc.substring(0, at);
    String domain = nfkc.substring(at + 1);
    if (domain.chars().anyMatch(c -> IDNA_DEVIATIONS.indexOf(c) >= 0)) {
      return Normalised.refused(
          "must not have a sharp s or a final sigma in its domain, where IDNA2003 and IDNA2008"
              + " name different domains; write the domain in its xn-- form");
    }
    String asciiDomain;
    try {
      // Unassigned code points are refused; STD3 keeps the result to letters, digits and hyphens.
      asciiDomain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      return Normalised.refused("must have a domain that can be written in ASCII (IDNA)");
    }
    String address = local + "@" + asciiDomain;
    // A guard on the exact string that is sent: with STD3 rules, IDN only returns letters, digits
    // and hyphens in labels of 1 to 63 characters, so no input is known to fail it.
    if (!isSingleAddrSpec(address)) {
      return Normalised.refused("must have a domain that can be written in ASCII (IDNA)");
    }
    if (address.length() > MAX_LENGTH) {
      return Normalised.refused(
          "must be at most " + MAX_LENGTH + " characters with its domain in ASCII form");
    }
    // Lower-casing can leave a string that NFKC would change again (rarely), so normalise once
    // more.
    String key =
        Normalizer.normalize(local.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC)
            + "@"
            + asciiDomain.toLowerCase(Locale.ROOT);
    return new Normalised(null, address, key);
  }

  private static boolean isSingleAddrSpec(String address) {
    int at = address.indexOf('@');
    // An address that ends in "@" has an empty domain, which isDomain refuses.
    if (at <= 0 || at != address.lastIndexOf('@')) {
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
        .allMatch(cp -> cp == '.' || isWordCharacter(cp) || ATEXT_SPECIALS.indexOf(cp) >= 0);
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
          || !label.codePoints().allMatch(cp -> cp == '-' || isWordCharacter(cp))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordCharacter(int cp) {
    // ASCII letters and digits, and the letters and digits beyond ASCII that internationalised
    // addresses (RFC 6531) may use; none of those can act as a separator or a line break. In ASCII,
    // Character.isLetterOrDigit holds for A-Z, a-z and 0-9 only.
    return Character.isLetterOrDigit(cp);
  }
}
