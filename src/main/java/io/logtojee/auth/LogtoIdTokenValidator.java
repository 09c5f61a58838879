package io.logtojee.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.logtojee.auth.token.SigningAlgorithms;
import java.time.Duration;
import java.util.List;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.profile.creator.TokenValidator;

/**
 * Validates Logto ID tokens with one key source and a fixed algorithm allow-list, instead of
 * pac4j's one-validator-per-advertised-algorithm (which builds HMAC validators keyed with the
 * client secret when discovery lists HS256). Beyond OIDC Core's checks done by Nimbus, it refuses
 * unsigned and encrypted tokens and requires {@code azp} when there are several audiences.
 */
final class LogtoIdTokenValidator extends TokenValidator {

  private final IDTokenValidator validator;
  private final String clientId;

  LogtoIdTokenValidator(
      OidcConfiguration configuration,
      OIDCProviderMetadata metadata,
      String expectedIssuer,
      JWKSource<SecurityContext> keys,
      Duration clockSkew) {
    super(configuration, metadata);
    this.clientId = configuration.getClientId();
    this.validator =
        new IDTokenValidator(
            new Issuer(expectedIssuer),
            new ClientID(clientId),
            new JWSVerificationKeySelector<>(SigningAlgorithms.ALLOWED, keys),
            null);
    this.validator.setMaxClockSkew((int) clockSkew.toSeconds());
  }

  @Override
  public IDTokenClaimsSet validateIdToken(JWT idToken, Nonce expectedNonce)
      throws BadJOSEException, JOSEException {
    if (!(idToken instanceof SignedJWT signed)) {
      throw new BadJWTException("The ID token must be a signed JWT");
    }
    JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
    if (!SigningAlgorithms.ALLOWED.contains(algorithm)) {
      throw new BadJWTException("ID token algorithm not allowed: " + algorithm);
    }
    IDTokenClaimsSet claims = validator.validate(idToken, expectedNonce);
    List<?> audience = claims.getAudience();
    if (audience.size() > 1) {
      Object authorizedParty = claims.getClaim("azp");
      if (!clientId.equals(authorizedParty)) {
        throw new BadJWTException("An ID token for several audiences must name us as azp");
      }
    }
    return claims;
  }
}
