package io.logtojee.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pac4j.core.http.callback.NoParameterCallbackUrlResolver;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * Pins every pac4j default this project overrides (reliability-security.md §2.1), so that a pac4j
 * upgrade that changes a default cannot silently undo a compensation.
 */
class LogtoSignInTest {

  private static final LogtoSignIn SIGN_IN =
      TestSignIn.of(
          AppSettings.load(
              SettingsSource.of(
                  Map.of(
                      "LOGTO_ENDPOINT", "http://127.0.0.1:1",
                      "LOGTO_APP_ID", "app",
                      "LOGTO_APP_SECRET", "secret",
                      "APP_BASE_URL", "https://app.example.com",
                      "LOGTO_CLOCK_SKEW_SECONDS", "45"))));

  private static OidcConfiguration oidc() {
    return SIGN_IN.client().getConfiguration();
  }

  @Test
  void nonceIsOnAndUnsignedTokensAreOff() {
    assertTrue(oidc().isUseNonce(), "pac4j default is false");
    assertFalse(oidc().isAllowUnsignedIdTokens());
  }

  @Test
  void pkceS256IsAlwaysSent() {
    assertFalse(oidc().isDisablePkce());
    assertEquals(CodeChallengeMethod.S256, oidc().getPkceMethod(), "not left to discovery");
  }

  @Test
  void codeFlowInQueryModeWithClientSecretBasic() {
    assertEquals("code", oidc().getResponseType());
    assertEquals("query", oidc().getResponseMode());
    assertEquals(
        ClientAuthenticationMethod.CLIENT_SECRET_BASIC, oidc().getClientAuthenticationMethod());
    assertEquals("consent", oidc().getCustomParams().get("prompt"));
  }

  @Test
  void clockSkewAndTimeoutsAreSetExplicitly() {
    assertEquals(45, oidc().getMaxClockSkew());
    assertEquals(2000, oidc().getConnectTimeout());
    assertEquals(5000, oidc().getReadTimeout());
  }

  @Test
  void issuerAndValidatorArePinnedAndInitialisationRetriesForever() {
    assertInstanceOf(PinnedMetadataResolver.class, oidc().getOpMetadataResolver());
    assertEquals(-1, SIGN_IN.client().getMaxAttempts(), "pac4j gives up after 3 by default");
    assertEquals(-1, ((PinnedMetadataResolver) oidc().getOpMetadataResolver()).getMaxAttempts());
  }

  @Test
  void callbackUrlComesFromConfigurationWithoutClientNameParameter() {
    assertEquals("https://app.example.com/callback", SIGN_IN.client().getCallbackUrl());
    assertInstanceOf(
        NoParameterCallbackUrlResolver.class, SIGN_IN.client().getCallbackUrlResolver());
  }

  @Test
  void profileCreatorChecksUserInfoSubjectAndLogoutEndsTheLogtoSession() {
    assertInstanceOf(LogtoProfileCreator.class, SIGN_IN.client().getProfileCreator());
    assertInstanceOf(LogtoEndSession.class, SIGN_IN.client().getLogoutActionBuilder());
    assertInstanceOf(LogtoCallbackLogic.class, SIGN_IN.pac4jConfig().getCallbackLogic());
  }

  @Test
  void stateHasAtLeast128Bits() {
    String state = oidc().getStateGenerator().generateValue(null);
    assertTrue(state.length() >= 22, state);
  }

  @Test
  void unreachableLogtoIsReportedNotThrown() {
    assertFalse(SIGN_IN.awaitReady(Duration.ofSeconds(10)));
    assertTrue(SIGN_IN.unavailableReason().isPresent());
  }
}
