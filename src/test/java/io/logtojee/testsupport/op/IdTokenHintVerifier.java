package io.logtojee.testsupport.op;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Map;

/**
 * Checks the {@code id_token_hint} of a logout request: signed by one of this provider's published
 * keys and issued by it. Expiry is ignored, as node-oidc-provider ignores it, because a relying
 * party may well send the hint after its ID token has expired.
 */
final class IdTokenHintVerifier {
  private final String issuer;
  private final KeyRing keys;

  IdTokenHintVerifier(String issuer, KeyRing keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  /** The claims of a token this provider signed, or null. */
  Map<String, Object> verify(String jwt) {
    try {
      SignedJWT parsed = SignedJWT.parse(jwt);
      String kid = parsed.getHeader().getKeyID();
      for (JWK key : keys.publishedKeys()) {
        if (kid != null && !kid.equals(key.getKeyID())) {
          continue;
        }
        JWSVerifier verifier =
            key instanceof ECKey ec
                ? new ECDSAVerifier(ec.toECPublicKey())
                : new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
        if (verifier.supportedJWSAlgorithms().contains(parsed.getHeader().getAlgorithm())
            && parsed.verify(verifier)) {
          Map<String, Object> claims = parsed.getJWTClaimsSet().toJSONObject();
          return issuer.equals(claims.get("iss")) ? claims : null;
        }
      }
      return null;
    } catch (ParseException | JOSEException | IllegalStateException e) {
      return null;
    }
  }
}
