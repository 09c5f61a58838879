package io.logtojee.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Set;

/**
 * The JWS algorithms Logto can sign with. {@code none} and the HMAC family are never accepted,
 * whatever the discovery document advertises: an HMAC "signature" keyed with the client secret or
 * with public key bytes proves nothing about Logto.
 */
public final class SigningAlgorithms {

  /** RS256, PS256, ES256, ES384 and ES512; the key in Logto's JWKS decides which one applies. */
  public static final Set<JWSAlgorithm> ALLOWED =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.PS256,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private SigningAlgorithms() {}
}
