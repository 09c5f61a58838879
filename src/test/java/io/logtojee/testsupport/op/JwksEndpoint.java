package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Resp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /oidc/jwks}: the public signing keys, with Logto's content type. The key-set scenarios
 * ({@link Scenario#NO_KID}, {@link Scenario#JWKS_2KEYS}, {@link Scenario#JWKS_JUNK}) change what is
 * published here; {@link JwtSigner} applies their signing side, so both halves must stay in step.
 */
final class JwksEndpoint {
  private final KeyRing keys;
  private final Supplier<Set<Scenario>> scenarios;

  JwksEndpoint(KeyRing keys, Supplier<Set<Scenario>> scenarios) {
    this.keys = keys;
    this.scenarios = scenarios;
  }

  Resp handle() {
    Set<Scenario> sc = scenarios.get();
    if (sc.contains(Scenario.JWKS_500)) {
      return Resp.oauthError(500, "server_error", "oops! something went wrong");
    }
    return new Resp(
        200,
        Map.of("Content-Type", "application/jwk-set+json; charset=utf-8"),
        Json.write(
                keys.jwks(
                    !sc.contains(Scenario.NO_KID),
                    sc.contains(Scenario.JWKS_2KEYS),
                    sc.contains(Scenario.JWKS_JUNK)))
            .getBytes(StandardCharsets.UTF_8));
  }
}
