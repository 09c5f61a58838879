package io.logtojee.app;

import io.logtojee.api.HealthChecks;
import io.logtojee.api.error.ContainerErrorPage;
import io.logtojee.auth.CurrentUser;
import io.logtojee.auth.LogtoKeySet;
import io.logtojee.auth.LogtoKeys;
import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.auth.SessionTokens;
import io.logtojee.auth.session.BackChannelLogout;
import io.logtojee.auth.session.FileRevokedSessions;
import io.logtojee.auth.session.InMemoryRevokedSessions;
import io.logtojee.auth.session.InMemorySessionDirectory;
import io.logtojee.auth.session.LiveSessions;
import io.logtojee.auth.session.RevokedSessions;
import io.logtojee.auth.session.SessionDirectory;
import io.logtojee.auth.session.SessionLookup;
import io.logtojee.auth.token.BearerAuthentication;
import io.logtojee.auth.token.BearerTokenValidator;
import io.logtojee.auth.token.LogoutTokenValidator;
import io.logtojee.auth.usertoken.UserTokens;
import io.logtojee.config.AppSettings;
import io.logtojee.config.ConfigurationException;
import io.logtojee.config.MailSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.config.StateStoreSettings;
import io.logtojee.mail.CallerAuthorization;
import io.logtojee.mail.aliyun.DirectMailClient;
import io.logtojee.mail.config.FileMailConfigStore;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigStore;
import io.logtojee.mail.limit.InMemorySendCounterStore;
import io.logtojee.mail.limit.LimitRule;
import io.logtojee.mail.limit.SendCounterStore;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.setup.MailComponents;
import io.logtojee.mail.setup.MailDeploymentSettings;
import io.logtojee.mail.template.logto.LogtoTemplateOptions;
import io.logtojee.state.StateStoreAvailability;
import io.logtojee.state.redis.RedisConnection;
import io.logtojee.state.redis.RedisMailConfigStore;
import io.logtojee.state.redis.RedisRevokedSessions;
import io.logtojee.state.redis.RedisSendCounterStore;
import io.logtojee.web.SignInFilterChain;
import io.logtojee.web.WorkDirectory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The composition root, named in {@code web.xml}: {@link #run} builds every service of the
 * application once, in order, and hands each to the filters and resources that need it. Nothing
 * else in the application builds a service or looks one up; the stores that several nodes may share
 * are chosen here.
 */
public final class Application implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(Application.class.getName());

  /**
   * The JDK's HttpURLConnection silently sends a POST a second time when the first attempt ends
   * without an answer. pac4j and Nimbus talk to Logto through it, so a token request cut off by the
   * network would redeem the authorization code twice, and Logto revokes everything issued from a
   * code used twice. The property is read once per JVM, so operators should also set it on the
   * command line (server-config does).
   */
  static final String RETRY_POST_PROPERTY = "sun.net.http.retryPost";

  /** Where web.xml sends errors that escape the application. */
  static final String ERROR_PAGE = "/error-page";

  /** How long the start waits for the first load of Logto's discovery document. */
  static final Duration FIRST_DISCOVERY_WAIT = Duration.ofSeconds(2);

  /** Put before every Redis key of this application. */
  static final String REDIS_KEY_PREFIX = "logto-jee:";

  private final List<AutoCloseable> resources = new ArrayList<>();

  @Override
  public void contextInitialized(ServletContextEvent event) {
    run(event.getServletContext(), SettingsSource.deployment());
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    // In reverse order of creation: what was built last may use what was built before it.
    for (int i = resources.size() - 1; i >= 0; i--) {
      AutoCloseable resource = resources.get(i);
      try {
        resource.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Could not release " + resource, e);
      }
    }
  }

  /** The send limits the deployment's {@code MAIL_LIMIT_*} settings ask for. */
  static SendLimitPolicy sendLimits(MailSettings mail) {
    return new SendLimitPolicy(
        LimitRule.of(mail.recipientLimitMax(), mail.recipientLimitWindow()),
        LimitRule.of(mail.ipLimitMax(), mail.ipLimitWindow()),
        LimitRule.of(mail.globalLimitMax(), mail.globalLimitWindow()));
  }

  /** Where and as whom the sender reads Logto's own email templates. */
  static LogtoTemplateOptions logtoTemplateOptions(AppSettings settings) {
    return new LogtoTemplateOptions(
        settings.logto().logtoEndpoint(),
        settings.mail().m2mAppId(),
        settings.mail().m2mAppSecret(),
        settings.mail().m2mResource(),
        settings.mail().logtoTemplatesTtl(),
        Duration.ofMillis(settings.logto().connectTimeoutMillis()),
        Duration.ofMillis(settings.logto().readTimeoutMillis()));
  }

  /** Builds and registers everything; an invalid deployment stops here with one log message. */
  void run(ServletContext context, SettingsSource source) {
    // Process-wide guards.
    WorkDirectory.restrictToOwner(context);
    if (System.getProperty(RETRY_POST_PROPERTY) == null) {
      System.setProperty(RETRY_POST_PROPERTY, "false");
    }

    // Settings, validated once: every violation of every group in one message.
    AppSettings settings;
    try {
      settings = AppSettings.load(source);
    } catch (ConfigurationException e) {
      LOG.severe(e.getMessage());
      throw e;
    }
    LOG.log(Level.INFO, "Starting with {0}", settings);

    // Logto's key set, shared by sign-in and both token validators, so the JWKS budget is one.
    LogtoKeySet keys = LogtoKeys.forTenant(settings.logto());
    // The Bearer validator remembers verified tokens while their key stays in this key set.
    BearerTokenValidator bearerTokens =
        BearerTokenValidator.forTenant(settings.logto(), keys, keys::holdsKeyId);
    LogoutTokenValidator logoutTokens = LogoutTokenValidator.forTenant(settings.logto(), keys);

    // Where the state several nodes share lives: this node (the default) or Redis.
    Optional<RedisConnection> redis = Optional.empty();
    if (settings.state().kind() == StateStoreSettings.Kind.REDIS) {
      try {
        redis =
            Optional.of(
                RedisConnection.open(
                    settings.state().redisUri().orElseThrow(),
                    settings.state().redisPassword(),
                    settings.state().redisTimeout(),
                    REDIS_KEY_PREFIX));
      } catch (IllegalStateException e) {
        LOG.severe(e.getMessage());
        throw e;
      }
      resources.add(redis.get());
    }

    // Session and revocation stores. The session directory stays on each node even with Redis:
    // it only finds this node's own sessions to end at once, and every node checks the shared
    // revocations on every request anyway. Revocations: in Redis, or in this node's memory and
    // work directory, so that a restart (which may bring persisted sessions back) keeps them.
    SessionDirectory sessionDirectory = new InMemorySessionDirectory();
    RevokedSessions revokedSessions =
        redis.isPresent()
            ? new RedisRevokedSessions(redis.get(), settings.sessions().maxAge(), Clock.systemUTC())
            : new FileRevokedSessions(
                new InMemoryRevokedSessions(settings.sessions().maxAge(), Clock.systemUTC()),
                WorkDirectory.of(context).resolve("revoked-sessions.txt"));
    SessionLookup sessionLookup = SessionLookup.forContainer(context);
    LiveSessions liveSessions = new LiveSessions(sessionDirectory, sessionLookup);
    PendingSignIns pendingSignIns =
        new PendingSignIns(settings.sessions().maxPendingSignIns(), sessionLookup);
    context.addListener(liveSessions);
    context.addListener(pendingSignIns);

    // Sign-in, the session's user and its tokens.
    LogtoSignIn signIn =
        new LogtoSignIn(settings.logto(), settings.sessions(), keys, sessionDirectory);
    // Before any request: the first sign-in should find Logto's discovery loaded. A hung Logto
    // delays the start by at most this bound, and the attempt goes on in the background.
    signIn.awaitReady(FIRST_DISCOVERY_WAIT);
    CurrentUser currentUser = new CurrentUser(signIn, settings.sessions(), revokedSessions);
    UserTokens userTokens = UserTokens.forTenant(settings.logto());
    SessionTokens sessionTokens =
        new SessionTokens(currentUser, userTokens, settings.logto().apiResources());
    BackChannelLogout backChannelLogout =
        new BackChannelLogout(
            logoutTokens, revokedSessions, sessionDirectory, liveSessions, Clock.systemUTC());

    // Mail: absent when MAIL_CONFIG_FILE is not set.
    Optional<MailComponents> mail = Optional.empty();
    Optional<Path> mailFile = settings.mail().configFile();
    if (mailFile.isPresent()) {
      MailDeploymentSettings mailDeployment =
          MailDeploymentSettings.defaults(mailFile.get())
              .withInsecureTestEndpoints(settings.mail().allowInsecureEndpoint())
              .withLimits(sendLimits(settings.mail()))
              .withDirectMail(
                  DirectMailClient.Options.defaults()
                      .withCallRate(
                          settings.mail().directMailMaxCallsPerSecond(),
                          settings.mail().directMailQueueWait()));
      if (settings.mail().logtoTemplatesEnabled()) {
        mailDeployment = mailDeployment.withLogtoTemplates(logtoTemplateOptions(settings));
      }
      MailConfigLoader mailConfigLoader = MailComponents.configLoaderFor(mailDeployment);
      MailConfigStore mailConfig;
      SendCounterStore sendCounters;
      if (redis.isPresent()) {
        // The file only seeds Redis when Redis holds no configuration yet.
        mailConfig = new RedisMailConfigStore(redis.get(), mailConfigLoader, mailFile);
        sendCounters = new RedisSendCounterStore(redis.get());
      } else {
        mailConfig = new FileMailConfigStore(mailFile.get(), mailConfigLoader);
        sendCounters = new InMemorySendCounterStore();
      }
      mail =
          Optional.of(
              new MailComponents(mailDeployment, mailConfigLoader, mailConfig, sendCounters));
      resources.add(mail.get());
    } else {
      LOG.info("MAIL_CONFIG_FILE is not set: the DirectMail sender is disabled");
    }

    // The REST API under /api/*, with every resource and filter handed its collaborators.
    HealthChecks health =
        new HealthChecks(
            signIn,
            settings.logto().discoveryUrl(),
            mail.map(MailComponents::service),
            pendingSignIns::count,
            backChannelLogout,
            redis.map(StateStoreAvailability.class::cast));
    RestApi api =
        new RestApi(
            new BearerAuthentication(bearerTokens),
            currentUser::of,
            settings.admin().role(),
            settings.logto().appBaseUrl(),
            sessionTokens,
            health,
            backChannelLogout,
            new CallerAuthorization(settings.mail().authorization()),
            mail.map(MailComponents::service),
            mail,
            context.getClassLoader());
    ServletRegistration.Dynamic apiServlet =
        context.addServlet("api", new ApiServlet(api.resourceConfig()));
    apiServlet.addMapping("/api/*");
    apiServlet.setLoadOnStartup(1);
    context.addServlet("errorPage", new ContainerErrorPage()).addMapping(ERROR_PAGE);

    // The browser's sign-in, callback and sign-out filters, in the order they run.
    new SignInFilterChain(settings.logto(), signIn, pendingSignIns).register(context);
  }
}
