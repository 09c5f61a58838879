package io.logtojee.testsupport.op;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWTs and, on request, breaks their signature the ways the conformance suite does
 * ({@code alg:none}, HMAC with a secret or with the public key, flipped or zeroed signature bytes).
 * The header and payload are encoded by hand so that a broken token is byte-for-byte what a real
 * one would be except for the broken part.
 */
final class JwtSigner {
  /** Scenarios that change the signature or its header (the others change claims). */
  static final Set<Scenario> SIGNATURE_SCENARIOS =
      Set.of(
          Scenario.CORRUPT_SIG,
          Scenario.ZERO_SIG,
          Scenario.ALG_NONE,
          Scenario.HS256_SECRET,
          Scenario.HS256_PUBKEY,
          Scenario.NO_KID,
          Scenario.JWKS_2KEYS);

  private JwtSigner() {}

  /** The {@code alg} the token will carry once the scenarios are applied. */
  static String effectiveAlgorithm(JWK key, Set<Scenario> scenarios) {
    if (scenarios.contains(Scenario.ALG_NONE)) {
      return "none";
    }
    if (scenarios.contains(Scenario.HS256_SECRET) || scenarios.contains(Scenario.HS256_PUBKEY)) {
      return "HS256";
    }
    return key.getAlgorithm().getName();
  }

  /**
   * Signs {@code claims}.
   *
   * @param key the signing key (its {@code alg} and {@code kid} go into the header)
   * @param typ the JOSE {@code typ}, or null for none
   * @param headerOverrides extra header members; a null value removes the member
   * @param claims the payload; entries with a null value are kept as JSON null
   * @param scenarios signature scenarios to apply (others are ignored here)
   * @param clientSecret the HMAC key for {@link Scenario#HS256_SECRET}
   */
  static String sign(
      JWK key,
      String typ,
      Map<String, Object> headerOverrides,
      Map<String, Object> claims,
      Set<Scenario> scenarios,
      String clientSecret) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", key.getAlgorithm().getName());
    if (typ != null) {
      header.put("typ", typ);
    }
    header.put("kid", key.getKeyID());
    headerOverrides.forEach(
        (name, value) -> {
          if (value == null) {
            header.remove(name);
          } else {
            header.put(name, value);
          }
        });
    if (scenarios.contains(Scenario.NO_KID) || scenarios.contains(Scenario.JWKS_2KEYS)) {
      header.remove("kid");
    }
    String payload = encode(Json.write(claims));

    if (scenarios.contains(Scenario.ALG_NONE)) {
      header.put("alg", "none");
      header.remove("kid");
      return encode(Json.write(header)) + "." + payload + ".";
    }
    if (scenarios.contains(Scenario.HS256_SECRET) || scenarios.contains(Scenario.HS256_PUBKEY)) {
      header.put("alg", "HS256");
      byte[] secret;
      if (scenarios.contains(Scenario.HS256_SECRET)) {
        header.remove("kid");
        secret = (clientSecret == null ? "" : clientSecret).getBytes(StandardCharsets.UTF_8);
      } else {
        secret = publicKey(key).getEncoded();
      }
      String input = encode(Json.write(header)) + "." + payload;
      return input + "." + Base64URL.encode(hmacSha256(secret, input));
    }

    String input = encode(Json.write(header)) + "." + payload;
    byte[] signature = realSignature(key, header, input);
    if (scenarios.contains(Scenario.CORRUPT_SIG)) {
      for (int i = 0; i < signature.length; i++) {
        signature[i] ^= 0x5A;
      }
    } else if (scenarios.contains(Scenario.ZERO_SIG)) {
      Arrays.fill(signature, (byte) 0);
    }
    return input + "." + Base64URL.encode(signature);
  }

  /**
   * The OIDC {@code at_hash}/{@code c_hash} of a value: the left half of its hash with the digest
   * that matches the JWS algorithm, base64url-encoded; null for {@code none}.
   */
  static String leftHalfHash(String value, String alg) {
    String digest;
    if (alg.equals("none")) {
      return null;
    } else if (alg.endsWith("384")) {
      digest = "SHA-384";
    } else if (alg.endsWith("512")) {
      digest = "SHA-512";
    } else {
      digest = "SHA-256";
    }
    try {
      byte[] hash =
          MessageDigest.getInstance(digest).digest(value.getBytes(StandardCharsets.US_ASCII));
      return Base64URL.encode(Arrays.copyOf(hash, hash.length / 2)).toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] realSignature(JWK key, Map<String, Object> header, String input) {
    try {
      JWSSigner signer =
          key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
      JWSHeader jwsHeader =
          new JWSHeader.Builder(JWSAlgorithm.parse((String) header.get("alg"))).build();
      return signer.sign(jwsHeader, input.getBytes(StandardCharsets.US_ASCII)).decode();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PublicKey publicKey(JWK key) {
    try {
      return key instanceof ECKey ec ? ec.toPublicKey() : ((RSAKey) key).toPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmacSha256(byte[] secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // An empty HMAC key is legal in HMAC but refused by SecretKeySpec; pad it to one zero byte,
      // which HMAC treats identically.
      mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Decodes the payload of a compact JWT without checking anything. */
  static Map<String, Object> unverifiedClaims(String jwt) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a compact JWS");
    }
    return Json.readObject(new Base64URL(parts[1]).decodeToString());
  }

  /** Parses a compact JWT header without checking anything. */
  static Map<String, Object> unverifiedHeader(String jwt) throws ParseException {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new ParseException("not a compact JWS", 0);
    }
    return Json.readObject(new Base64URL(parts[0]).decodeToString());
  }
}
