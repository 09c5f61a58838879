package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Resp;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /oidc/.well-known/openid-configuration}: Logto's discovery document, member for member,
 * because the relying party configures itself from it. The discovery scenarios break it on purpose:
 * a failing answer, a wrong issuer, no PKCE metadata, {@code none} among the algorithms.
 */
final class DiscoveryEndpoint {
  static final List<String> CLAIMS_SUPPORTED =
      List.of(
          "sub",
          "name",
          "picture",
          "username",
          "preferred_username",
          "created_at",
          "updated_at",
          "email",
          "email_verified",
          "roles",
          "organizations",
          "organization_roles",
          "sid",
          "auth_time",
          "iss");

  private static final List<String> CLIENT_AUTH_METHODS =
      List.of(
          "none",
          "client_secret_basic",
          "client_secret_jwt",
          "client_secret_post",
          "private_key_jwt");

  private final String issuer;
  private final KeyRing keys;
  private final Supplier<Set<Scenario>> scenarios;
  private final ProviderStore store;

  DiscoveryEndpoint(
      String issuer, KeyRing keys, Supplier<Set<Scenario>> scenarios, ProviderStore store) {
    this.issuer = issuer;
    this.keys = keys;
    this.scenarios = scenarios;
    this.store = store;
  }

  Resp handle() {
    Set<Scenario> sc = scenarios.get();
    if (sc.contains(Scenario.DISCOVERY_500)) {
      return Resp.oauthError(500, "server_error", "oops! something went wrong");
    }
    String alg = keys.currentAlgorithm().getName();
    List<String> idTokenAlgs = new ArrayList<>(List.of(alg));
    if (sc.contains(Scenario.ALG_NONE)) {
      idTokenAlgs.add("none");
    }
    if (sc.contains(Scenario.DISCOVERY_HS256)) {
      idTokenAlgs.add("HS256");
    }
    URI tokenEndpoint = store.tokenEndpoint();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("issuer", sc.contains(Scenario.DISCOVERY_ISSUER) ? issuer + "1" : issuer);
    d.put("authorization_endpoint", issuer + "/auth");
    d.put("device_authorization_endpoint", issuer + "/device/auth");
    d.put("token_endpoint", tokenEndpoint == null ? issuer + "/token" : tokenEndpoint.toString());
    d.put("jwks_uri", issuer + "/jwks");
    d.put("userinfo_endpoint", issuer + "/me");
    d.put("end_session_endpoint", issuer + "/session/end");
    d.put("revocation_endpoint", issuer + "/token/revocation");
    d.put("introspection_endpoint", issuer + "/token/introspection");
    d.put("backchannel_logout_supported", true);
    d.put("backchannel_logout_session_supported", true);
    d.put("claims_parameter_supported", false);
    d.put("claims_supported", CLAIMS_SUPPORTED);
    if (!sc.contains(Scenario.NO_PKCE_METADATA)) {
      d.put("code_challenge_methods_supported", List.of("S256"));
    }
    d.put(
        "grant_types_supported",
        List.of(
            "implicit",
            "authorization_code",
            "refresh_token",
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:token-exchange"));
    d.put("id_token_signing_alg_values_supported", idTokenAlgs);
    d.put("userinfo_signing_alg_values_supported", List.of(alg));
    d.put("introspection_signing_alg_values_supported", List.of(alg));
    d.put("authorization_signing_alg_values_supported", List.of(alg));
    d.put("request_parameter_supported", false);
    d.put("request_uri_parameter_supported", false);
    d.put("response_modes_supported", List.of("form_post", "fragment", "query"));
    d.put("response_types_supported", List.of("code id_token", "code", "id_token", "none"));
    d.put("scopes_supported", ScopeClaims.SCOPES_SUPPORTED);
    d.put("subject_types_supported", List.of("public"));
    d.put("token_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
    d.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
    d.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
    d.put("claim_types_supported", List.of("normal"));
    d.put("authorization_response_iss_parameter_supported", true);
    return Resp.json(200, d);
  }
}
