package io.logtojee.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.logtojee.auth.token.SigningAlgorithms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.exceptions.OidcException;
import org.pac4j.oidc.metadata.OidcOpMetadataResolver;
import org.pac4j.oidc.profile.creator.TokenValidator;

/**
 * Loads Logto's discovery document and refuses it unless its {@code issuer} is exactly the one
 * configured (pac4j takes it as served), then installs {@link LogtoIdTokenValidator}.
 */
final class PinnedMetadataResolver extends OidcOpMetadataResolver {

  private final String expectedIssuer;
  private final JWKSource<SecurityContext> keys;
  private final Duration clockSkew;

  PinnedMetadataResolver(
      OidcConfiguration configuration,
      String expectedIssuer,
      JWKSource<SecurityContext> keys,
      Duration clockSkew) {
    super(configuration);
    this.expectedIssuer = expectedIssuer;
    this.keys = keys;
    this.clockSkew = clockSkew;
  }

  @Override
  protected OIDCProviderMetadata retrieveMetadata() {
    OIDCProviderMetadata metadata = super.retrieveMetadata();
    String issuer = metadata.getIssuer() == null ? null : metadata.getIssuer().getValue();
    if (!expectedIssuer.equals(issuer)) {
      throw new OidcException(
          "Logto's discovery document names issuer '"
              + issuer
              + "' but '"
              + expectedIssuer
              + "' is configured");
    }
    // Keep pac4j's own validator construction away from 'none' and HMAC algorithms.
    List<JWSAlgorithm> allowed = new ArrayList<>();
    if (metadata.getIDTokenJWSAlgs() != null) {
      metadata.getIDTokenJWSAlgs().stream()
          .filter(SigningAlgorithms.ALLOWED::contains)
          .forEach(allowed::add);
    }
    if (allowed.isEmpty()) {
      allowed.add(JWSAlgorithm.ES384);
    }
    metadata.setIDTokenJWSAlgs(allowed);
    return metadata;
  }

  @Override
  protected TokenValidator createTokenValidator() {
    return new LogtoIdTokenValidator(configuration, this.loaded, expectedIssuer, keys, clockSkew);
  }
}
