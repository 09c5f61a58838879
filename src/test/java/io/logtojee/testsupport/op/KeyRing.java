package io.logtojee.testsupport.op;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's signing keys, kept the way Logto keeps them: one key signs, and every earlier key
 * stays in the JWKS after a rotation. Thread-safe.
 */
final class KeyRing {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Published keys in JWKS order; private parts included. */
  private final List<JWK> published = new ArrayList<>();

  private JWK signing;
  private JWK staged;
  private JWK decoy;

  KeyRing() {
    signing = newEcKey();
    published.add(signing);
  }

  /** The key that signs the next token; a staged key takes over here. */
  synchronized JWK signingKey() {
    if (staged != null) {
      signing = staged;
      staged = null;
    }
    return signing;
  }

  /** The key that will sign the next token, without activating a staged key. */
  synchronized JWK peekSigningKey() {
    return staged != null ? staged : signing;
  }

  /** The algorithm of the key that signs the next token (what discovery advertises). */
  synchronized JWSAlgorithm currentAlgorithm() {
    return JWSAlgorithm.parse(peekSigningKey().getAlgorithm().getName());
  }

  /**
   * Adds a new EC P-384 key. Staged: published now (after the current key), signs from the next
   * token on. Immediate: published first and signing at once.
   */
  synchronized String rotate(boolean stage) {
    JWK key = newEcKey();
    if (stage) {
      published.add(key);
      staged = key;
    } else {
      published.add(0, key);
      signing = key;
      staged = null;
    }
    return key.getKeyID();
  }

  /** Switches signing to a new RSA 2048 key (RS256); the old keys stay published. */
  synchronized String useRsa() {
    try {
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyID(newKid())
              .algorithm(JWSAlgorithm.RS256)
              .keyUse(KeyUse.SIGNATURE)
              .generate();
      published.add(0, key);
      signing = key;
      staged = null;
      return key.getKeyID();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** All published keys, private parts included (for verifying hints and for tests). */
  synchronized List<JWK> publishedKeys() {
    return List.copyOf(published);
  }

  /**
   * The public JWKS document.
   *
   * @param withKid whether keys carry their {@code kid}
   * @param withDecoy whether a second, never-used EC P-384 key is listed first
   * @param withJunk whether a key of the unknown type {@code AKP} is listed last
   */
  synchronized Map<String, Object> jwks(boolean withKid, boolean withDecoy, boolean withJunk) {
    List<Map<String, Object>> keys = new ArrayList<>();
    if (withDecoy) {
      if (decoy == null) {
        decoy = newEcKey();
      }
      keys.add(publicJson(decoy, withKid));
    }
    for (JWK key : published) {
      keys.add(publicJson(key, withKid));
    }
    if (withJunk) {
      Map<String, Object> junk = new LinkedHashMap<>();
      junk.put("kty", "AKP");
      junk.put("alg", "ML-DSA-44");
      junk.put("use", "sig");
      if (withKid) {
        junk.put("kid", "junk-akp-key");
      }
      junk.put("pub", com.nimbusds.jose.util.Base64URL.encode(randomBytes(64)).toString());
      keys.add(junk);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("keys", keys);
    return document;
  }

  private static Map<String, Object> publicJson(JWK key, boolean withKid) {
    Map<String, Object> json = new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
    if (!withKid) {
      json.remove("kid");
    }
    return json;
  }

  private static ECKey newEcKey() {
    try {
      return new ECKeyGenerator(Curve.P_384)
          .keyID(newKid())
          .algorithm(JWSAlgorithm.ES384)
          .keyUse(KeyUse.SIGNATURE)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newKid() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
