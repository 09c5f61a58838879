package io.logtojee.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.logtojee.auth.token.InvalidTokenException.Reason;
import java.security.Key;
import java.util.List;
import java.util.Set;

/**
 * Nimbus's {@link DefaultJWTProcessor} set up for one kind of Logto token: keys only from Logto's
 * key set (never from {@code jku}, {@code x5u} or {@code jwk} headers) and only for the allowed
 * algorithms, the token's {@code typ}, and a {@link LogtoClaimsVerifier}. Every failure comes out
 * as an {@link InvalidTokenException} with its reason.
 */
final class LogtoJwtProcessor {

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final Set<JOSEObjectType> types;

  LogtoJwtProcessor(
      JWKSource<SecurityContext> keys,
      Set<JOSEObjectType> types,
      LogtoClaimsVerifier claimsVerifier) {
    this.types = Set.copyOf(types);
    JWSKeySelector<SecurityContext> selector =
        new JWSVerificationKeySelector<>(SigningAlgorithms.ALLOWED, keys);
    processor.setJWSKeySelector(
        (header, context) -> {
          List<? extends Key> candidates = selector.selectJWSKeys(header, context);
          if (candidates.isEmpty()) {
            throw new UnknownKeyException();
          }
          return candidates;
        });
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(types.toArray(JOSEObjectType[]::new)));
    processor.setJWTClaimsSetVerifier(claimsVerifier);
  }

  /**
   * A token whose signature and claims were verified, with the {@code kid} of the key that signed
   * it (null when the header named none).
   */
  record Verified(JWTClaimsSet claims, String keyId) {}

  /** Pre-checks, then verifies signature and claims. */
  JWTClaimsSet process(String token) throws InvalidTokenException {
    return verify(token).claims();
  }

  /** Like {@link #process}, keeping the signing key's id as well. */
  Verified verify(String token) throws InvalidTokenException {
    SignedJWT jwt = CompactJws.parse(token);
    CompactJws.requireType(jwt, types);
    try {
      return new Verified(processor.process(jwt, null), jwt.getHeader().getKeyID());
    } catch (LogtoClaimsVerifier.RejectedClaims e) {
      throw new InvalidTokenException(e.reason(), e);
    } catch (BadJWSException e) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE, e);
    } catch (BadJOSEException e) {
      throw new InvalidTokenException(Reason.REJECTED, e);
    } catch (UnknownKeyException e) {
      throw new InvalidTokenException(Reason.UNKNOWN_KEY, e);
    } catch (KeySourceException e) {
      throw new InvalidTokenException(Reason.KEYS_UNAVAILABLE, e);
    } catch (JOSEException | RuntimeException e) {
      // For example a key whose curve does not fit the header's algorithm.
      throw new InvalidTokenException(Reason.BAD_SIGNATURE, e);
    }
  }
}
