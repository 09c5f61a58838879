package io.logtojee.testsupport.op;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Misbehaviours the {@link TestOpenIdProvider} can be switched into, one per row of the test
 * catalogue in {@code reliability-security.md} section 3, so a test can show that the relying party
 * refuses exactly that fault.
 *
 * <p>On the wire (control endpoint) a scenario is named by its lower-case name ({@code
 * iss_plus_1}); the catalogue's spelling ({@code iss+1}, {@code corrupt-sig}) is accepted too.
 */
public enum Scenario {
  /** No misbehaviour; enabling it changes nothing. */
  HAPPY,
  /** Discovery omits {@code code_challenge_methods_supported}. */
  NO_PKCE_METADATA,
  /** ID token {@code iss} is the issuer followed by "1". */
  ISS_PLUS_1,
  /** ID token {@code aud} is the client id followed by "1". */
  AUD_PLUS_1,
  /** ID token has no {@code aud}. */
  DROP_AUD,
  /** ID token {@code aud} is {@code [client, client+"1"]} without {@code azp}. */
  AUD_ARRAY,
  /** ID token {@code aud} is {@code [client, client+"1"]} with {@code azp=client}. */
  AUD_ARRAY_AZP,
  /** ID token has no {@code sub}. */
  DROP_SUB,
  /**
   * ID token {@code sub} is the user's followed by "1"; enabled between sign-in and refresh it
   * gives the conformance case {@code refresh-token-invalid-sub}.
   */
  SUB_PLUS_1,
  /** ID token has no {@code iat}. */
  DROP_IAT,
  /** Every signature byte XORed with 0x5A, as the OpenID conformance suite does. */
  CORRUPT_SIG,
  /** An all-zero signature of the right length (CVE-2022-21449 shape for ECDSA). */
  ZERO_SIG,
  /** Unsigned ID token ({@code alg:none}); discovery lists {@code none} as well. */
  ALG_NONE,
  /** HS256 keyed with the client secret; discovery still lists only the real algorithm. */
  HS256_SECRET,
  /**
   * Discovery lists {@code HS256} beside the real algorithm, as a provider that allows HMAC ID
   * tokens would: pac4j alone then builds a validator keyed with the client secret (RP-08).
   */
  DISCOVERY_HS256,
  /** HS256 keyed with the encoded bytes (X.509 SubjectPublicKeyInfo) of the public key. */
  HS256_PUBKEY,
  /** ID token {@code nonce} is the request nonce followed by "1". */
  NONCE_PLUS_1,
  /** ID token has no {@code nonce}. */
  DROP_NONCE,
  /** No {@code kid}, neither in the JWT header nor in the JWKS. */
  NO_KID,
  /** The JWKS holds a second EC P-384 key (listed first); the ID token carries no {@code kid}. */
  JWKS_2KEYS,
  /** The JWKS holds an extra key of the unknown type {@code AKP}. */
  JWKS_JUNK,
  /** UserInfo answers with a {@code sub} different from the ID token's. */
  USERINFO_SUB,
  /**
   * The authorization endpoint shows a sign-in page with a "Continue" link instead of signing the
   * user in at once, so a browser test can linger at Logto before the code is issued (SES-09).
   */
  SIGN_IN_PAGE,
  /**
   * The authorization endpoint sends the user to Logto's sign-in experience with email verification
   * codes ({@link SignInExperience}): sign in or create an account with a code that Logto's HTTP
   * email connector sends through the configured endpoint, or continue as the configured user
   * without a password. A live OP session is reused, as Logto does.
   */
  EMAIL_SIGN_IN,
  /** The authorization endpoint redirects back with {@code error=access_denied}. */
  AUTHZ_ERROR,
  /** The authorization response carries a wrong {@code iss} parameter (RFC 9207). */
  ISS_PARAM,
  /** Discovery names an issuer other than {@code endpoint + "/oidc"}. */
  DISCOVERY_ISSUER,
  /** The token endpoint answers 500 with a JSON error body. */
  TOKEN_500,
  /**
   * The token endpoint closes the connection without sending a single byte. The JDK HTTP server can
   * only close (FIN), not reset (RST); {@link io.logtojee.testsupport.net.FaultProxy} sends a true
   * RST.
   */
  TOKEN_RESET,
  /** The JWKS endpoint answers 500. */
  JWKS_500,
  /** The discovery endpoint answers 500. */
  DISCOVERY_500,
  /** Discovery, JWKS and token endpoints wait 10 s before answering. */
  DELAY_10S,
  /** The Management API ({@code /api/*}) closes the connection without answering. */
  MANAGEMENT_API_DOWN,
  /** The Management API answers 500. */
  MANAGEMENT_API_500,
  /** The Management API waits 10 s before answering. */
  MANAGEMENT_API_SLOW,
  /** The Management API answers 401 whatever token is sent. */
  MANAGEMENT_API_401,
  /**
   * One-shot action: {@link TestOpenIdProvider#rotateKey(boolean) rotateKey(true)} when enabled; it
   * is not kept in the active set.
   */
  ROTATE_STAGED,
  /**
   * One-shot action: {@link TestOpenIdProvider#rotateKey(boolean) rotateKey(false)} when enabled;
   * it is not kept in the active set.
   */
  ROTATE_IMMEDIATE;

  /** The lower-case wire name, e.g. {@code iss_plus_1}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name: the lower-case enum name, or the catalogue spelling with hyphens and {@code
   * +1} (a {@code +} decoded to a space from a query string is accepted too).
   *
   * @throws IllegalArgumentException naming the known scenarios when the name is unknown
   */
  public static Scenario fromWireName(String name) {
    String normalised =
        name.trim()
            .toLowerCase(Locale.ROOT)
            .replace("+", "_plus_")
            .replace(" ", "_plus_")
            .replace('-', '_')
            .replaceAll("_+", "_");
    for (Scenario scenario : values()) {
      if (scenario.wireName().equals(normalised)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException(
        "unknown scenario '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(Scenario::wireName).collect(Collectors.joining(",")));
  }

  boolean isOneShot() {
    return this == ROTATE_STAGED || this == ROTATE_IMMEDIATE;
  }
}
