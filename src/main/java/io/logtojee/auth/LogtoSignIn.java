package io.logtojee.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.logtojee.auth.session.SessionDirectory;
import io.logtojee.config.LogtoSettings;
import io.logtojee.config.SessionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.core.engine.DefaultLogoutLogic;
import org.pac4j.core.engine.DefaultSecurityLogic;
import org.pac4j.core.http.callback.NoParameterCallbackUrlResolver;
import org.pac4j.core.util.generator.RandomValueGenerator;
import org.pac4j.jee.context.JEEContextFactory;
import org.pac4j.jee.http.adapter.JEEHttpActionAdapter;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one pac4j {@link Config} with the one Logto client, and every default pac4j gets wrong
 * for us pinned explicitly: nonce on, PKCE S256 always, {@code client_secret_basic}, query response
 * mode, issuer and algorithms pinned, unlimited lazy initialisation so the application deploys and
 * recovers while Logto is down.
 */
public final class LogtoSignIn implements LogtoAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(LogtoSignIn.class);

  /** The pac4j client name, used by the filters. */
  public static final String CLIENT_NAME = "logto";

  /** Session attribute holding the validated path to return to after sign-in. */
  public static final String RETURN_TO = ReturnToHandler.SESSION_ATTRIBUTE;

  static final String ORGANIZATIONS_SCOPE = "urn:logto:scope:organizations";
  static final String ORGANIZATIONS_RESOURCE = "urn:logto:resource:organizations";

  /** 32 alphanumeric characters: about 190 bits. */
  static final int STATE_LENGTH = 32;

  /** How long a request waits for a discovery attempt in progress before answering without it. */
  static final long READY_WAIT_MILLIS = 500;

  /** The application tries to load Logto's discovery at most this often while it fails. */
  static final long INIT_RETRY_INTERVAL_MILLIS = 5_000;

  /**
   * pac4j's own gate, a little shorter than ours so it never refuses one of our attempts; it still
   * bounds what pac4j's filters would try on their own.
   */
  static final long PAC4J_RETRY_INTERVAL_MILLIS = INIT_RETRY_INTERVAL_MILLIS - 1_000;

  private final LogtoSettings settings;
  private final OidcConfiguration oidc;
  private final OidcClient client;
  private final PinnedMetadataResolver metadata;
  private final Config config;
  private final DiscoveryLoader discovery;

  /**
   * Builds the client; nothing is fetched from Logto until the first sign-in or health check.
   *
   * @param keys Logto's key set, shared with the token validators
   * @param sessionDirectory where signed-in sessions are recorded for back-channel logout
   */
  public LogtoSignIn(
      LogtoSettings settings,
      SessionSettings sessions,
      JWKSource<SecurityContext> keys,
      SessionDirectory sessionDirectory) {
    this.settings = settings;
    this.oidc = configuration(settings);
    this.metadata = new PinnedMetadataResolver(oidc, settings.issuer(), keys, settings.clockSkew());
    metadata.setMaxAttempts(-1);
    metadata.setMinTimeIntervalBetweenAttemptsInMilliseconds(PAC4J_RETRY_INTERVAL_MILLIS);
    oidc.setOpMetadataResolver(metadata);

    this.client = new OidcClient(oidc);
    client.setName(CLIENT_NAME);
    client.setCallbackUrl(settings.callbackUrl());
    client.setCallbackUrlResolver(new NoParameterCallbackUrlResolver());
    client.setProfileCreator(new LogtoProfileCreator(oidc, client));
    client.setLogoutActionBuilder(
        new LogtoEndSession(oidc, settings.postSignOutUrl(), this::isReady));
    client.setMaxAttempts(-1);
    client.setMinTimeIntervalBetweenAttemptsInMilliseconds(PAC4J_RETRY_INTERVAL_MILLIS);
    this.discovery =
        new DiscoveryLoader(
            client,
            metadata,
            settings.discoveryUrl(),
            "logto-discovery-" + settings.appId(),
            Duration.ofMillis(INIT_RETRY_INTERVAL_MILLIS));

    this.config = new Config(new Clients(settings.callbackUrl(), client));
    config.setWebContextFactory(JEEContextFactory.INSTANCE);
    // Renews the session id at sign-in without invalidating the session (see the class).
    config.setSessionStoreFactory(IdChangingSessionStore.FACTORY);
    config.setHttpActionAdapter(JEEHttpActionAdapter.INSTANCE);
    ReturnToHandler returnTo = new ReturnToHandler(settings.appBaseUrl());
    DefaultSecurityLogic security = new DefaultSecurityLogic();
    security.setSavedRequestHandler(returnTo);
    config.setSecurityLogic(security);
    LogtoCallbackLogic callback =
        new LogtoCallbackLogic(client, sessions.idleTimeout(), sessionDirectory);
    callback.setSavedRequestHandler(returnTo);
    config.setCallbackLogic(callback);
    config.setLogoutLogic(new DefaultLogoutLogic());
  }

  private static OidcConfiguration configuration(LogtoSettings settings) {
    OidcConfiguration oidc = new OidcConfiguration();
    oidc.setClientId(settings.appId());
    oidc.setSecret(settings.appSecret());
    oidc.setDiscoveryURI(settings.discoveryUrl());
    oidc.setClientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
    oidc.setResponseType("code");
    oidc.setResponseMode("query");
    oidc.setScope(String.join(" ", settings.scopes()));
    oidc.setUseNonce(true);
    oidc.setWithState(true);
    // pac4j's default state is 10 characters (about 60 bits); ASVS asks for at least 128.
    oidc.setStateGenerator(new RandomValueGenerator(STATE_LENGTH));
    oidc.setDisablePkce(false);
    oidc.setPkceMethod(CodeChallengeMethod.S256);
    oidc.setAllowUnsignedIdTokens(false);
    oidc.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    oidc.setConnectTimeout(settings.connectTimeoutMillis());
    oidc.setReadTimeout(settings.readTimeoutMillis());
    oidc.setCallUserInfoEndpoint(true);
    // The app enforces its own session lifetimes; the 1-hour access token must not end the session.
    oidc.setExpireSessionWithToken(false);
    oidc.setCustomParams(authorizationParameters(settings));
    return oidc;
  }

  /**
   * Parameters sent with every authorization request. {@code prompt=consent} is what makes Logto
   * keep {@code offline_access} and issue a refresh token. The API resources are requested here,
   * comma-joined (Logto splits them), because Logto only mints resource tokens later through the
   * refresh grant for resources the user consented to at sign-in; the organizations resource is
   * added when the organizations scope is asked for, as organization tokens need it.
   */
  public Map<String, String> authorizationParameters() {
    return authorizationParameters(settings);
  }

  static Map<String, String> authorizationParameters(LogtoSettings settings) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("prompt", "consent");
    List<String> resources = new ArrayList<>(settings.apiResources());
    if (settings.scopes().contains(ORGANIZATIONS_SCOPE)) {
      resources.add(ORGANIZATIONS_RESOURCE);
    }
    if (!resources.isEmpty()) {
      parameters.put("resource", String.join(",", resources));
    }
    return parameters;
  }

  /**
   * Whether Logto's discovery document has been loaded and accepted; see {@link DiscoveryLoader}
   * for how a slow Logto is kept from queueing requests.
   */
  public boolean isReady() {
    return discovery.awaitReady(Duration.ofMillis(READY_WAIT_MILLIS));
  }

  /**
   * Like {@link #isReady()}, waiting at most {@code max} for an attempt in progress: at start-up,
   * before any request is served, the application lets its first attempt finish.
   */
  public boolean awaitReady(Duration max) {
    return discovery.awaitReady(max);
  }

  /** Never waits: a health check reports what is known now (and may start a new attempt). */
  @Override
  public Optional<String> unavailableReason() {
    if (discovery.awaitReady(Duration.ZERO)) {
      return Optional.empty();
    }
    return Optional.of(discovery.lastFailure());
  }

  public Config pac4jConfig() {
    return config;
  }

  public OidcClient client() {
    return client;
  }

  /** How long a client should wait before retrying while Logto is unavailable. */
  public static Duration retryAfter() {
    return Duration.ofMillis(INIT_RETRY_INTERVAL_MILLIS);
  }
}
