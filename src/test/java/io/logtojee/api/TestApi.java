package io.logtojee.api;

import io.logtojee.api.security.SessionLookup;
import io.logtojee.app.RestApi;
import io.logtojee.auth.CurrentUser;
import io.logtojee.auth.LogtoAvailability;
import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.SessionTokens;
import io.logtojee.auth.SignedInUser;
import io.logtojee.auth.session.BackChannelLogout;
import io.logtojee.auth.session.HeldSessions;
import io.logtojee.auth.session.InMemoryRevokedSessions;
import io.logtojee.auth.session.InMemorySessionDirectory;
import io.logtojee.auth.session.LiveSessions;
import io.logtojee.auth.session.RevokedSessions;
import io.logtojee.auth.session.SessionDirectory;
import io.logtojee.auth.token.BearerAuthentication;
import io.logtojee.auth.token.BearerTokenValidator;
import io.logtojee.auth.token.LogoutTokenValidator;
import io.logtojee.auth.usertoken.UserTokens;
import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.mail.CallerAuthorization;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.setup.MailComponents;
import io.logtojee.state.StateStoreAvailability;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The REST API exactly as deployed ({@link RestApi}, which {@code Application.run} uses too), with
 * in-memory collaborators a test can set: who is signed in, whether Logto is up, the mail sender.
 * Tokens are checked by the real validators against {@link TestTokens}' key.
 */
public final class TestApi {

  public static final String API_RESOURCE = "https://api.example.test";
  public static final String APP_BASE_URL = "https://app.example.test";
  public static final String M2M_CLIENT_ID = "m2m-client";
  public static final String ADMIN_ROLE = "mail-admin";
  public static final String MAIL_AUTHORIZATION = "Bearer connector-secret-0123456789abcdef";

  /** A tenant that is never contacted: nothing listens on port 1. */
  public static final AppSettings SETTINGS =
      AppSettings.load(
          SettingsSource.of(
              Map.of(
                  "LOGTO_ENDPOINT", "http://127.0.0.1:1",
                  "LOGTO_APP_ID", "app-under-test",
                  "LOGTO_APP_SECRET", "app-under-test-secret",
                  "APP_BASE_URL", APP_BASE_URL,
                  "LOGTO_API_RESOURCE", API_RESOURCE,
                  "LOGTO_CONNECT_TIMEOUT_MS", "100",
                  "LOGTO_READ_TIMEOUT_MS", "100",
                  "ADMIN_ROLE", ADMIN_ROLE,
                  "MAIL_AUTHORIZATION", MAIL_AUTHORIZATION)));

  private final TestTokens tokens = new TestTokens();
  private final AtomicInteger sessionLookups = new AtomicInteger();
  private volatile HttpServletRequest lastSessionLookupRequest;
  private final SessionDirectory sessionDirectory = new InMemorySessionDirectory();
  private final HeldSessions heldSessions = new HeldSessions();
  private final LiveSessions liveSessions = new LiveSessions(sessionDirectory, heldSessions);
  private RevokedSessions revokedSessions =
      new InMemoryRevokedSessions(SETTINGS.sessions().maxAge(), Clock.systemUTC());
  private Optional<StateStoreAvailability> redis = Optional.empty();

  private volatile SignedInUser signedIn;
  private LogtoAvailability logto = Optional::empty;
  private Optional<MailService> mailService = Optional.empty();
  private Optional<MailComponents> mail = Optional.empty();
  private IntSupplier pendingSignIns = () -> 0;

  /** A signed-in user with the given roles. */
  public static SignedInUser user(String sub, String... roles) {
    return new SignedInUser(
        sub, "Ada Lovelace", "ada", "ada@example.com", true, null, List.of(roles), List.of("org1"));
  }

  public TestApi signedIn(SignedInUser user) {
    this.signedIn = user;
    return this;
  }

  public TestApi logto(LogtoAvailability availability) {
    this.logto = availability;
    return this;
  }

  /** Mail set up: the admin API gets the components, the sender and health their service. */
  public TestApi mail(MailComponents components) {
    this.mail = Optional.of(components);
    this.mailService = Optional.of(components.service());
    return this;
  }

  /** Only a sender, as the mail connector and health use it. */
  public TestApi mailService(MailService service) {
    this.mailService = Optional.of(service);
    return this;
  }

  /** The revocations the sign-in checks and back-channel logout records, e.g. in Redis. */
  public TestApi revokedSessions(RevokedSessions revoked) {
    this.revokedSessions = revoked;
    return this;
  }

  /** The Redis that health checks, as with STATE_STORE=redis. */
  public TestApi redis(StateStoreAvailability availability) {
    this.redis = Optional.of(availability);
    return this;
  }

  public TestApi pendingSignIns(IntSupplier count) {
    this.pendingSignIns = count;
    return this;
  }

  public TestTokens tokens() {
    return tokens;
  }

  /** How often a filter or resource asked the session who is signed in. */
  /** The request object the last session lookup was handed. */
  public HttpServletRequest lastSessionLookupRequest() {
    return lastSessionLookupRequest;
  }

  public int sessionLookups() {
    return sessionLookups.get();
  }

  public SessionDirectory sessionDirectory() {
    return sessionDirectory;
  }

  /** The sessions a back-channel logout can end: tell it about a session with sessionCreated. */
  public HeldSessions heldSessions() {
    return heldSessions;
  }

  public RevokedSessions revokedSessions() {
    return revokedSessions;
  }

  public InMemoryApi start() {
    return InMemoryApi.of(resourceConfig());
  }

  /** The API's configuration, built as {@code Application.run} builds it. */
  public ResourceConfig resourceConfig() {
    SessionLookup sessions =
        (request, response) -> {
          sessionLookups.incrementAndGet();
          lastSessionLookupRequest = request;
          return Optional.ofNullable(signedIn);
        };
    BearerTokenValidator bearerTokens =
        BearerTokenValidator.forTenant(SETTINGS.logto(), tokens.keys(), tokens.heldKeyIds());
    LogoutTokenValidator logoutTokens =
        LogoutTokenValidator.forTenant(SETTINGS.logto(), tokens.keys());
    LogtoSignIn signIn =
        new LogtoSignIn(SETTINGS.logto(), SETTINGS.sessions(), tokens.keys(), sessionDirectory);
    CurrentUser currentUser = new CurrentUser(signIn, SETTINGS.sessions(), revokedSessions);
    SessionTokens sessionTokens =
        new SessionTokens(
            currentUser, UserTokens.forTenant(SETTINGS.logto()), SETTINGS.logto().apiResources());
    BackChannelLogout backChannelLogout =
        new BackChannelLogout(
            logoutTokens, revokedSessions, sessionDirectory, liveSessions, Clock.systemUTC());
    HealthChecks health =
        new HealthChecks(
            logto,
            SETTINGS.logto().discoveryUrl(),
            mailService,
            pendingSignIns,
            backChannelLogout,
            redis);
    return new RestApi(
            new BearerAuthentication(bearerTokens),
            sessions,
            SETTINGS.admin().role(),
            SETTINGS.logto().appBaseUrl(),
            sessionTokens,
            health,
            backChannelLogout,
            new CallerAuthorization(SETTINGS.mail().authorization()),
            mailService,
            mail,
            TestApi.class.getClassLoader())
        .resourceConfig();
  }
}
