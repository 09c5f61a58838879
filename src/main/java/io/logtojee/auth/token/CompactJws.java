package io.logtojee.auth.token;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;

/**
 * The cheap checks every Logto-signed token passes before any key lookup or signature work, so that
 * the cost of a hostile token is bounded by its length: at most {@link #MAX_TOKEN_LENGTH}
 * characters of base64url in exactly three parts; no JWE (five parts, or an {@code enc} header:
 * CVE-2026-29000, PBES2 {@code p2c} DoS) and no {@code alg:none}; JSON nested at most {@link
 * #MAX_JSON_DEPTH} levels (CVE-2025-53864), checked by a linear scan before a recursive parser sees
 * it; an allowed algorithm.
 */
final class CompactJws {

  /** Logto's access tokens are about 1 KiB; custom claims may add some. */
  static final int MAX_TOKEN_LENGTH = 8 * 1024;

  /** Logto's claims are flat or one object deep ({@code events}); custom claims get some room. */
  static final int MAX_JSON_DEPTH = 16;

  private CompactJws() {}

  /**
   * Parses a compact JWS whose header and claims are well-formed JSON and whose algorithm is
   * allowed. The signature is not checked here.
   */
  static SignedJWT parse(String token) throws InvalidTokenException {
    if (token == null || token.isEmpty()) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new InvalidTokenException(Reason.TOO_LARGE);
    }
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!isBase64UrlCharacter(c)) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
    }
    if (dots == 4) {
      throw new InvalidTokenException(Reason.ENCRYPTED);
    }
    if (dots != 2) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    String header = token.substring(0, first);
    String payload = token.substring(first + 1, second);
    String signature = token.substring(second + 1);
    if (header.isEmpty() || payload.isEmpty()) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }

    Map<String, Object> headerJson = json(header);
    Algorithm algorithm;
    try {
      algorithm = Header.parseAlgorithm(headerJson);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidTokenException(Reason.MALFORMED, e);
    }
    if (Algorithm.NONE.equals(algorithm) || signature.isEmpty()) {
      throw new InvalidTokenException(Reason.UNSIGNED);
    }
    if (algorithm instanceof JWEAlgorithm) {
      throw new InvalidTokenException(Reason.ENCRYPTED);
    }
    if (!(algorithm instanceof JWSAlgorithm jws) || !SigningAlgorithms.ALLOWED.contains(jws)) {
      throw new InvalidTokenException(Reason.ALGORITHM_NOT_ALLOWED);
    }
    json(payload);

    try {
      SignedJWT jwt =
          new SignedJWT(new Base64URL(header), new Base64URL(payload), new Base64URL(signature));
      // Parsed once here; Nimbus's processor reuses the parsed claims.
      jwt.getJWTClaimsSet();
      return jwt;
    } catch (ParseException | RuntimeException e) {
      throw new InvalidTokenException(Reason.MALFORMED, e);
    }
  }

  /** Whether the header's {@code typ} is one of {@code accepted} (case-insensitive). */
  static void requireType(SignedJWT jwt, Set<JOSEObjectType> accepted)
      throws InvalidTokenException {
    JOSEObjectType type = jwt.getHeader().getType();
    if (type == null || !accepted.contains(type)) {
      throw new InvalidTokenException(Reason.WRONG_TYPE);
    }
  }

  private static Map<String, Object> json(String base64url) throws InvalidTokenException {
    String text = new Base64URL(base64url).decodeToString();
    if (exceedsDepth(text, MAX_JSON_DEPTH)) {
      throw new InvalidTokenException(Reason.TOO_DEEPLY_NESTED);
    }
    try {
      Map<String, Object> parsed = JSONObjectUtils.parse(text);
      if (parsed == null) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      return parsed;
    } catch (ParseException | RuntimeException e) {
      throw new InvalidTokenException(Reason.MALFORMED, e);
    }
  }

  /** A linear scan: does any object or array open deeper than {@code maxDepth}? */
  static boolean exceedsDepth(String json, int maxDepth) {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > maxDepth) {
          return true;
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return false;
  }

  private static boolean isBase64UrlCharacter(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
