package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.LogtoKeys;
import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.auth.SignInFailure;
import io.logtojee.auth.session.InMemorySessionDirectory;
import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import io.logtojee.testsupport.servlet.FakeSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * The sign-in and callback guards once Logto is reachable: what they hand on to pac4j. The refusals
 * are in {@link SignInRequestFilterTest} and {@link CallbackGuardFilterTest}.
 */
class ReadySignInFiltersTest {

  private static TestOpenIdProvider logto;
  private static LogtoSignIn signIn;
  private static String issuer;

  @BeforeAll
  static void start() {
    logto = TestOpenIdProvider.start(0);
    logto.registerClient(
        "app-under-test",
        "app-under-test-secret",
        Set.of(TestLogto.APP_BASE_URL + "/callback"),
        Set.of());
    AppSettings settings =
        AppSettings.load(
            SettingsSource.of(
                Map.of(
                    "LOGTO_ENDPOINT",
                    logto.endpoint(),
                    "LOGTO_APP_ID",
                    "app-under-test",
                    "LOGTO_APP_SECRET",
                    "app-under-test-secret",
                    "APP_BASE_URL",
                    TestLogto.APP_BASE_URL)));
    issuer = settings.logto().issuer();
    signIn =
        new LogtoSignIn(
            settings.logto(),
            settings.sessions(),
            LogtoKeys.forTenant(settings.logto()),
            new InMemorySessionDirectory());
    assertTrue(signIn.awaitReady(Duration.ofSeconds(10)), "the test OP serves discovery");
  }

  @AfterAll
  static void stop() {
    logto.close();
  }

  /** A chain standing for pac4j; it may leave a sign-in failure on the request, as pac4j's does. */
  private static final class Pac4j implements FilterChain {
    private final SignInFailure failure;
    private ServletRequest seen;

    Pac4j(SignInFailure failure) {
      this.failure = failure;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) {
      seen = request;
      if (failure != null) {
        request.setAttribute(SignInFailure.REQUEST_ATTRIBUTE, failure);
      }
    }
  }

  @Test
  void aNewSignInGetsAShortLivedPendingSessionWithItsReturnTarget() throws Exception {
    PendingSignIns pending = new PendingSignIns(10, id -> false);
    FakeRequest request =
        FakeRequest.get("/sign-in").param("returnTo", "/a/../profile").param("ui_locales", "fr");
    Pac4j chain = new Pac4j(null);

    new SignInRequestFilter(signIn, pending)
        .doFilter(request.asServletRequest(), new FakeResponse().asServletResponse(), chain);

    assertTrue(chain.seen != null, "pac4j starts the sign-in");
    FakeSession session = request.session();
    assertEquals(
        (int) SignInRequestFilter.PENDING_SIGN_IN_LIFETIME.toSeconds(),
        session.getMaxInactiveInterval());
    assertEquals(1, pending.count());
    assertEquals("/profile", session.getAttribute(LogtoSignIn.RETURN_TO));
    @SuppressWarnings("unchecked")
    Map<String, String> parameters =
        (Map<String, String>) request.getAttribute(OidcConfiguration.CUSTOM_PARAMS);
    assertEquals("fr", parameters.get("ui_locales"));
    assertTrue(parameters.entrySet().containsAll(signIn.authorizationParameters().entrySet()));
  }

  @Test
  void aRepeatedClickOnSignInClearsPac4jsFailedAttemptMarkButKeepsTheSession() throws Exception {
    PendingSignIns pending = new PendingSignIns(10, id -> false);
    String attempted = LogtoSignIn.CLIENT_NAME + IndirectClient.ATTEMPTED_AUTHENTICATION_SUFFIX;
    FakeSession existing = FakeSession.existing().with(attempted, "true");
    int lifetime = existing.getMaxInactiveInterval();
    FakeRequest request = FakeRequest.get("/sign-up").withSession(existing);

    new SignInRequestFilter(signIn, pending)
        .doFilter(
            request.asServletRequest(), new FakeResponse().asServletResponse(), new Pac4j(null));

    assertNull(existing.getAttribute(attempted));
    assertEquals("/", existing.getAttribute(LogtoSignIn.RETURN_TO));
    assertEquals(lifetime, existing.getMaxInactiveInterval(), "an existing session keeps its own");
    assertEquals(0, pending.count(), "only a new session counts as a pending sign-in");
    @SuppressWarnings("unchecked")
    Map<String, String> parameters =
        (Map<String, String>) request.getAttribute(OidcConfiguration.CUSTOM_PARAMS);
    assertEquals("register", parameters.get("first_screen"));
  }

  @Test
  void logtosCodeResponseReachesPac4j() throws Exception {
    FakeResponse response = new FakeResponse();
    Pac4j chain = new Pac4j(null);

    new CallbackGuardFilter(signIn, issuer)
        .doFilter(codeResponse().asServletRequest(), response.asServletResponse(), chain);

    assertTrue(chain.seen != null);
    assertFalse(response.isCommitted());
  }

  @Test
  void aFailurePac4jLeavesOnTheRequestIsShown() throws Exception {
    FakeResponse response = new FakeResponse();

    new CallbackGuardFilter(signIn, issuer)
        .doFilter(
            codeResponse().asServletRequest(),
            response.asServletResponse(),
            new Pac4j(SignInFailure.PROVIDER_ERROR));

    assertTrue(response.isCommitted());
    assertEquals(
        SignInFailure.PROVIDER_ERROR.wireName(),
        TestLogto.json(response).get("code").asText(),
        response.body());
  }

  private static FakeRequest codeResponse() {
    return FakeRequest.get("/callback").param("code", "auth-code").param("state", "st4te");
  }
}
