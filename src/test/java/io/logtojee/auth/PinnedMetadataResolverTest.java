package io.logtojee.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.logtojee.auth.token.SigningAlgorithms;
import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery as Logto serves it, and as a broken or hostile provider might. RP-07 and RP-17. */
class PinnedMetadataResolverTest {

  private TestOpenIdProvider logto;

  @BeforeEach
  void start() {
    logto = TestOpenIdProvider.start(0);
  }

  @AfterEach
  void stop() {
    logto.close();
  }

  private LogtoSignIn signIn() {
    return TestSignIn.of(
        AppSettings.load(
            SettingsSource.of(
                Map.of(
                    "LOGTO_ENDPOINT", logto.endpoint(),
                    "LOGTO_APP_ID", "app",
                    "LOGTO_APP_SECRET", "secret",
                    "APP_BASE_URL", "https://app.example.com"))));
  }

  /** Long enough for a cold load; these tests are about what is accepted, not how fast. */
  private static final Duration LOAD = Duration.ofSeconds(10);

  @Test
  void discoveryAdvertisingNoneIsAcceptedButNoneIsNeverUsed() {
    logto.enable(Scenario.ALG_NONE);
    LogtoSignIn signIn = signIn();

    assertTrue(signIn.awaitReady(LOAD), "pac4j alone refuses to start when discovery lists none");
    List<JWSAlgorithm> algorithms =
        signIn.client().getConfiguration().getOpMetadataResolver().load().getIDTokenJWSAlgs();
    assertFalse(algorithms.contains(JWSAlgorithm.NONE), algorithms.toString());
    assertTrue(SigningAlgorithms.ALLOWED.containsAll(algorithms), algorithms.toString());
  }

  @Test
  void discoveryAdvertisingHs256NeverGetsAnHmacAlgorithmIntoTheValidator() {
    logto.enable(Scenario.DISCOVERY_HS256);
    LogtoSignIn signIn = signIn();

    assertTrue(signIn.awaitReady(LOAD));
    List<JWSAlgorithm> algorithms =
        signIn.client().getConfiguration().getOpMetadataResolver().load().getIDTokenJWSAlgs();
    assertFalse(algorithms.contains(JWSAlgorithm.HS256), "RP-08: " + algorithms);
    assertTrue(SigningAlgorithms.ALLOWED.containsAll(algorithms), algorithms.toString());
  }

  @Test
  void discoveryNamingAnotherIssuerLeavesTheClientUnconfigured() {
    logto.enable(Scenario.DISCOVERY_ISSUER);
    LogtoSignIn signIn = signIn();

    assertFalse(signIn.awaitReady(LOAD));
    assertTrue(signIn.unavailableReason().orElseThrow().contains("issuer"));
  }

  @Test
  void logtosDiscoveryIsAcceptedWithItsAlgorithm() {
    LogtoSignIn signIn = signIn();

    assertTrue(signIn.awaitReady(LOAD));
    assertEquals(
        List.of(JWSAlgorithm.ES384),
        signIn.client().getConfiguration().getOpMetadataResolver().load().getIDTokenJWSAlgs());
  }
}
