package io.logtojee.testsupport.op;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Logto-shaped OpenID Provider in the test JVM. Real Logto cannot run on the build machines, so
 * the sign-in tests and the local demo talk to this double instead: it serves Logto's paths under
 * {@code /oidc}, signs with EC P-384 (ES384) as Logto does by default, signs the configured {@link
 * TestUser} in without any UI, and can be switched into the misbehaviours of the test catalogue
 * ({@link Scenario}). It records every request so tests can assert what the relying party sent.
 *
 * <p>Besides the OIDC endpoints it answers a control API for other JVMs: {@code POST
 * /__control/scenario?enable=a,b}, {@code GET /__control/scenario}, {@code POST /__control/reset},
 * {@code GET /__control/requests}, {@code POST /__control/rotate?staged=true|false}, {@code POST
 * /__control/rsa} and {@code POST /__control/clock?iat=<s>&exp=<s>}. Control requests are neither
 * logged nor counted.
 *
 * <p>It serves the part of Logto's Management API the mail sender reads ({@link ManagementApi}):
 * client credentials for a machine-to-machine app, {@code GET /api/email-templates} and {@code GET
 * /api/sign-in-exp}, with the {@code management_api_*} fault scenarios; templates and the fallback
 * language are set with {@link #putEmailTemplate} and {@link #setFallbackLanguage}, or by {@code
 * POST /__control/management/template?languageTag=&templateType=} with the details as a JSON body
 * and {@code POST /__control/management/fallback-language?languageTag=}.
 *
 * <p>It also plays Logto's part of the passwordless email flow ({@link PasscodeFlow}): it makes and
 * checks the codes and calls the project's sender exactly as Logto's HTTP email connector does
 * ({@link #requestPasscode}, {@link #verifyPasscode}). Its control calls, with parameters in the
 * query or a form body: {@code POST /__control/passcode/connector?endpoint=&authorization=}, {@code
 * POST /__control/passcode/users?email=}, {@code GET /__control/passcode/users}, {@code POST
 * /__control/passcode/request?email=&type=&locale=&ip=} (the answer includes the code), {@code POST
 * /__control/passcode/verify?email=&type=&code=} and {@code POST
 * /__control/passcode/clock?advance=<s>}; {@code type} defaults to {@code SignIn}. Under {@link
 * Scenario#EMAIL_SIGN_IN} a person plays that flow on Logto-like pages ({@link SignInExperience}):
 * sign in or create an account with an email code, as in Logto's sign-in experience.
 *
 * <p>Thread-safe. Start with {@link #start(int)}, stop with {@link #close()}.
 */
public final class TestOpenIdProvider implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TestOpenIdProvider.class.getName());

  /** Prefix of override keys that go into the JOSE header instead of the claims. */
  public static final String HEADER_PREFIX = TokenMinter.HEADER_PREFIX;

  private static final Duration DELAY = Duration.ofSeconds(10);
  private static final Set<String> DELAYED_PATHS =
      Set.of("/oidc/.well-known/openid-configuration", "/oidc/jwks", "/oidc/token");
  private static final String CONTROL = "/__control/";
  private static final String MANAGEMENT_API = "/api/";
  private static final String PASSCODE_CONTROL = "passcode/";
  private static final String MANAGEMENT_CONTROL = "management/";

  private final int port;
  private final String endpoint;
  private final String issuer;
  private final KeyRing keys = new KeyRing();
  private final OidcEndpoints oidc;
  private final PasscodeFlow passcodes = new PasscodeFlow();
  private final ExecutorService executor;

  private final Object serverLock = new Object();
  private HttpServer server;
  private CountDownLatch interruptDelays = new CountDownLatch(1);
  private boolean closed;

  private volatile Set<Scenario> scenarios = Set.of();
  private final ConcurrentLinkedQueue<RecordedRequest> log = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Object arrivals = new Object();

  private TestOpenIdProvider(int requestedPort) throws IOException {
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "test-op-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    HttpServer bound;
    try {
      bound = bind(requestedPort);
    } catch (IOException e) {
      executor.shutdownNow();
      throw e;
    }
    port = bound.getAddress().getPort();
    endpoint = "http://127.0.0.1:" + port;
    issuer = endpoint + "/oidc";
    oidc = new OidcEndpoints(issuer, keys, () -> scenarios, passcodes);
    server = bound;
    bound.start();
  }

  /**
   * Starts a provider on {@code 127.0.0.1:port}; 0 picks a free port.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static TestOpenIdProvider start(int port) {
    try {
      return new TestOpenIdProvider(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, the value of {@code LOGTO_ENDPOINT}. */
  public String endpoint() {
    return endpoint;
  }

  /** {@code endpoint() + "/oidc"}, as Logto's issuer. */
  public String issuer() {
    return issuer;
  }

  public int port() {
    return port;
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Registers (or replaces) a client. A null secret registers a public client (Logto SPA or native:
   * no client authentication, PKCE required); otherwise a traditional web app that may authenticate
   * with {@code client_secret_basic} or {@code client_secret_post}.
   */
  public void registerClient(
      String clientId,
      String clientSecret,
      Set<String> redirectUris,
      Set<String> postLogoutRedirectUris) {
    oidc.registerClient(clientId, clientSecret, redirectUris, postLogoutRedirectUris);
  }

  /**
   * Registers a back-channel logout URI for a client (Logto app metadata {@code
   * backchannelLogoutUri} and {@code backchannelLogoutSessionRequired}). When an OP session the
   * client took part in ends at {@code /oidc/session/end}, a logout token is POSTed there.
   */
  public void registerBackChannelLogout(String clientId, String uri, boolean sessionRequired) {
    oidc.registerBackChannelLogout(clientId, uri, sessionRequired);
  }

  // ---------------------------------------------------------------- Management API

  /**
   * Registers (or replaces) a Logto machine-to-machine app: it authenticates like a traditional web
   * app and may use {@code grant_type=client_credentials} for the Management API resource ({@link
   * #managementApiResource()}) with scope {@code all}. Its tokens open {@code GET
   * /api/email-templates} and {@code GET /api/sign-in-exp}.
   */
  public void registerMachineToMachineClient(String clientId, String clientSecret) {
    oidc.registerMachineToMachineClient(clientId, clientSecret);
  }

  /** The Management API's resource indicator, {@code https://default.logto.app/api} by default. */
  public String managementApiResource() {
    return oidc.managementApi().resource();
  }

  /** Sets the resource indicator (Logto Cloud: {@code https://<tenant>.logto.app/api}). */
  public void setManagementApiResource(String indicator) {
    oidc.managementApi().setResource(indicator);
  }

  /**
   * Adds one of Logto's email templates, or replaces the one of the same language and type, as
   * {@code PUT /api/email-templates} does.
   *
   * @param details {@code subject}, {@code content} and optionally {@code contentType}, {@code
   *     replyTo}, {@code sendFrom}
   */
  public void putEmailTemplate(String languageTag, String templateType, Map<String, ?> details) {
    oidc.managementApi().putTemplate(languageTag, templateType, details);
  }

  /** Deletes every email template. */
  public void deleteEmailTemplates() {
    oidc.managementApi().deleteTemplates();
  }

  /** Sets the sign-in experience's {@code languageInfo.fallbackLanguage} (default {@code en}). */
  public void setFallbackLanguage(String languageTag) {
    oidc.managementApi().setFallbackLanguage(languageTag);
  }

  /** The {@code expires_in} of Management API tokens issued from now on (default 3600 s). */
  public void setManagementTokenLifetime(Duration lifetime) {
    oidc.managementApi().setTokenLifetime(lifetime);
  }

  /** Makes every Management API token issued so far unknown to the API. */
  public void revokeManagementTokens() {
    oidc.managementApi().revokeTokens();
  }

  /** Sets the user the authorization endpoint signs in from now on. */
  public void setUser(TestUser user) {
    oidc.setUser(user);
  }

  /** The user the authorization endpoint signs in. */
  public TestUser user() {
    return oidc.user();
  }

  // ---------------------------------------------------------------- scenarios

  /**
   * Adds misbehaviours; they apply to every request from now on. {@link Scenario#HAPPY} does
   * nothing; {@link Scenario#ROTATE_STAGED} and {@link Scenario#ROTATE_IMMEDIATE} rotate the key
   * once and are not kept.
   */
  public void enable(Scenario... toEnable) {
    synchronized (serverLock) {
      EnumSet<Scenario> next = EnumSet.noneOf(Scenario.class);
      next.addAll(scenarios);
      for (Scenario scenario : toEnable) {
        if (scenario == Scenario.ROTATE_STAGED) {
          rotateKey(true);
        } else if (scenario == Scenario.ROTATE_IMMEDIATE) {
          rotateKey(false);
        } else if (scenario != Scenario.HAPPY) {
          next.add(scenario);
        }
      }
      scenarios = Collections.unmodifiableSet(next);
    }
  }

  /** Removes misbehaviours. */
  public void disable(Scenario... toDisable) {
    synchronized (serverLock) {
      EnumSet<Scenario> next = EnumSet.noneOf(Scenario.class);
      next.addAll(scenarios);
      next.removeAll(Arrays.asList(toDisable));
      scenarios = Collections.unmodifiableSet(next);
    }
  }

  /** The active misbehaviours; empty means {@link Scenario#HAPPY}. */
  public Set<Scenario> scenarios() {
    return scenarios;
  }

  /**
   * Clears the scenarios, the clock offsets (also the passcode clock's), the request log, the
   * counters, the live passcodes and Logto's send counts. Clients, keys, the user, sessions, issued
   * tokens, the email connector and the registered email users stay.
   */
  public void reset() {
    synchronized (serverLock) {
      scenarios = Set.of();
    }
    oidc.setClockOffsets(Duration.ZERO, Duration.ZERO);
    passcodes.reset();
    log.clear();
    counts.clear();
    sequence.set(0);
  }

  /**
   * Makes discovery send clients to {@code endpoint} for tokens, such as a fault proxy in front of
   * this provider's own token endpoint; null restores the provider's own. Like the port, this is
   * wiring rather than a scenario, so {@link #reset()} keeps it. Clients read it with discovery.
   */
  public void advertiseTokenEndpoint(URI endpoint) {
    oidc.setTokenEndpoint(endpoint);
  }

  /**
   * Shifts the time claims of the ID tokens the token endpoint issues from now on (RP-10), without
   * touching the host clock. {@code iat = now + iatOffset}. {@code exp = now + expOffset} when
   * {@code expOffset} is non-zero (so {@code -20 s} gives a token that expired 20 s ago), else the
   * normal {@code now + 3600 s}. Null counts as zero.
   */
  public void setClockOffsets(Duration iatOffset, Duration expOffset) {
    oidc.setClockOffsets(iatOffset, expOffset);
  }

  // ---------------------------------------------------------------- passwordless email

  /**
   * Configures Logto's HTTP email connector ({@code logto.md} 3.1): the URL the codes are POSTed
   * to, and the {@code Authorization} value sent verbatim with each request, or null to send no
   * such header (as Logto does when the field is unset).
   */
  public void configureHttpEmailConnector(URI endpoint, String authorization) {
    passcodes.configureConnector(endpoint, authorization);
  }

  /**
   * Makes an address belong to a Logto user, so code mails to it carry {@code payload.user}. The
   * user gets a new id and no name, username or avatar; registering an address again returns the
   * existing user. Addresses match trimmed and case-insensitively.
   */
  public TestUser registerEmailUser(String email) {
    return passcodes.registerUser(email);
  }

  /** Makes {@code user.email()} belong to this user (its id, name, username and picture). */
  public void registerEmailUser(TestUser user) {
    passcodes.registerUser(user);
  }

  /** The registered addresses, trimmed and lower-cased. */
  public Set<String> registeredEmails() {
    return passcodes.registeredEmails();
  }

  /**
   * Sets the application context of code mails ({@code payload.application}: {@code id, name,
   * branding {}, displayName}); a null id leaves it out, as for a request without an app. Default:
   * {@code demo-app}, {@code Demo App}, {@code Demo App}.
   */
  public void setPasscodeApplication(String id, String name, String displayName) {
    passcodes.setApplication(id, name, displayName);
  }

  /**
   * Whether code mails to registered addresses carry {@code payload.user} (default true). Logto's
   * Account API sends it; its sign-in experience sends no user, which {@code false} reproduces.
   */
  public void setPasscodeUserContext(boolean include) {
    passcodes.setUserContext(include);
  }

  /** The clock for code ages and the send window (default: the system clock). */
  public void setPasscodeClock(Clock clock) {
    passcodes.setClock(clock);
  }

  /**
   * Moves the passcode clock forward (a negative duration moves it back), for expiry and
   * send-window tests without sleeping. Token times are not affected ({@link #setClockOffsets}).
   */
  public void advancePasscodeClock(Duration by) {
    passcodes.advanceClock(by);
  }

  /** The passcode clock's current time. */
  public Instant passcodeNow() {
    return passcodes.now();
  }

  /**
   * Plays Logto's "send me a code": unless the recipient already had 10 successful sends in the
   * last 600 s (then 429 {@code request.message_rate_limited}, nothing sent, the old code kept), it
   * makes a new 6-digit code for ({@code email}, {@code type}), replacing the live one, and POSTs
   * the connector's JSON to the configured endpoint: {@code {"to", "type", "payload": {"code",
   * "locale", "application", "user"}, "ip"}}. {@code locale} null and {@code ip} null or empty are
   * left out, and so is {@code user} for an unregistered address. A non-2xx answer (after
   * redirects) or no answer is Logto's 400 {@code connector.general} and does not count against the
   * cap.
   *
   * @param type one of Logto's template types, e.g. {@code SignIn}, {@code Register}, {@code
   *     ForgotPassword}, {@code Generic}
   */
  public PasscodeResult requestPasscode(String email, String type, String locale, String ip) {
    return passcodes.request(email, type, locale, ip);
  }

  /**
   * Plays Logto's check of a submitted code for ({@code email}, {@code type}): {@code
   * verification_code.not_found} without a live code (also after it was used), {@code .expired}
   * after 600 s, {@code .exceed_max_try} once 10 tries failed, else {@code .code_mismatch}
   * (counting a try) or success, which consumes the code.
   */
  public VerifyResult verifyPasscode(String email, String type, String code) {
    return passcodes.verify(email, type, code);
  }

  // ---------------------------------------------------------------- keys

  /**
   * Adds a new EC P-384 key with a new {@code kid}; older keys stay in the JWKS, as in Logto.
   * Staged: the key is published now (after the current one) and signs from the next token on.
   * Immediate: the key is published first and signs at once.
   *
   * @return the new key's {@code kid}
   */
  public String rotateKey(boolean staged) {
    return keys.rotate(staged);
  }

  /**
   * Switches signing to a new RSA 2048 key (RS256), as Logto's rotation with {@code --type rsa}
   * does (Logto itself makes 4096-bit keys; 2048 keeps the test fast). Older keys stay published.
   *
   * @return the new key's {@code kid}
   */
  public String useRsa() {
    return keys.useRsa();
  }

  /** The {@code kid} of the key that signs the next token. */
  public String currentKeyId() {
    return keys.peekSigningKey().getKeyID();
  }

  /** The JWS algorithm of the key that signs the next token ({@code ES384} by default). */
  public String signingAlgorithm() {
    return keys.currentAlgorithm().getName();
  }

  // ---------------------------------------------------------------- tokens

  /**
   * An ID token for {@code clientId} and the current user with all of Logto's profile claims, as
   * the token endpoint would issue it (without {@code nonce} and {@code at_hash}). {@code
   * extraClaims} are added or replace claims; a null value removes a claim and a key starting with
   * {@link #HEADER_PREFIX} sets (or with null removes) a JOSE header member. The given scenarios
   * (claim and signature ones) are applied; the enabled ones are not.
   */
  public String mintIdToken(
      String clientId, Map<String, Object> extraClaims, Scenario... scenarios) {
    return oidc.mintIdToken(clientId, mutable(extraClaims), scenarioSet(scenarios));
  }

  /**
   * A JWT access token like Logto's API-resource tokens: {@code typ at+jwt}, claims {@code jti,
   * sub, iat, exp, scope, client_id, iss, aud}. Overrides and scenarios as in {@link #mintIdToken}.
   */
  public String mintAccessToken(
      String clientId,
      String audience,
      String scope,
      Map<String, Object> extraClaims,
      Scenario... scenarios) {
    return oidc.mintAccessToken(
        clientId, audience, scope, mutable(extraClaims), scenarioSet(scenarios));
  }

  /**
   * A back-channel logout token: {@code typ logout+jwt}, claims {@code iss, aud, iat, exp (+120 s),
   * jti, sub, sid, events}; a null {@code sub} or {@code sid} is left out. Overrides and scenarios
   * as in {@link #mintIdToken}, e.g. {@code Map.of("events", Map.of())}, a {@code nonce}, {@code
   * header.typ}, or {@link Scenario#ALG_NONE}.
   */
  public String mintLogoutToken(
      String clientId,
      String sub,
      String sid,
      Map<String, Object> overrides,
      Scenario... scenarios) {
    return oidc.mintLogoutToken(clientId, sub, sid, mutable(overrides), scenarioSet(scenarios));
  }

  /** Revokes every grant of a user: their access and refresh tokens stop working. */
  public void revokeGrants(String sub) {
    oidc.revokeGrants(sub);
  }

  /** The OP session ids ({@code sid}) of a user that have not ended. */
  public List<String> sessionIds(String sub) {
    return oidc.liveSessionIds(sub);
  }

  /**
   * POSTs {@code logout_token=<token>} as a form to a back-channel logout URI, as Logto does.
   *
   * @return the HTTP status of the answer
   * @throws UncheckedIOException when the call fails (5 s connect and answer timeouts)
   */
  public int sendBackChannelLogout(String backchannelUri, String logoutToken) {
    return oidc.sendBackChannelLogout(backchannelUri, logoutToken);
  }

  // ---------------------------------------------------------------- request log

  /** Every request received since the start or the last {@link #reset()}, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(log);
  }

  /** The requests to one path, oldest first. */
  public List<RecordedRequest> requests(String path) {
    return log.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** How many requests reached a path, e.g. {@code count("/oidc/token")}. */
  public long count(String path) {
    AtomicLong count = counts.get(path);
    return count == null ? 0 : count.get();
  }

  /**
   * Waits until at least {@code expected} requests have reached a path; false when the timeout
   * passes first. Lets a test act on a request it knows is being handled.
   */
  public boolean awaitCount(String path, long expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (count(path) < expected) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(arrivals, left);
      }
      return true;
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Closes the listening socket and all open connections, so the port refuses connections (FLT-01);
   * requests waiting in {@link Scenario#DELAY_10S} are dropped. State is kept.
   */
  public void stopListening() {
    synchronized (serverLock) {
      if (server != null) {
        server.stop(0);
        server = null;
      }
      interruptDelays.countDown();
      interruptDelays = new CountDownLatch(1);
    }
  }

  /** Listens again on the same port after {@link #stopListening()}. */
  public void resumeListening() {
    synchronized (serverLock) {
      if (closed) {
        throw new IllegalStateException("provider is closed");
      }
      if (server != null) {
        return;
      }
      try {
        server = bind(port);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind 127.0.0.1:" + port + " again", e);
      }
      server.start();
    }
  }

  /** Whether the port accepts connections. */
  public boolean isListening() {
    synchronized (serverLock) {
      return server != null;
    }
  }

  /** Stops the server, ends pending delays and releases the threads. */
  @Override
  public void close() {
    synchronized (serverLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopListening();
    executor.shutdownNow();
  }

  private HttpServer bind(int bindPort) throws IOException {
    // The JDK server leaves Nagle's algorithm on, which with delayed ACKs adds about 40 ms to every
    // answer; real servers answer without it, and the benchmarks should measure the application.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer created =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), 64);
    created.setExecutor(executor);
    created.createContext("/", this::handle);
    return created;
  }

  // ---------------------------------------------------------------- request handling

  private void handle(HttpExchange exchange) {
    try {
      Req req = Req.read(exchange);
      Resp resp;
      if (req.path().startsWith(CONTROL)) {
        resp = control(req);
      } else {
        record(req);
        if (scenarios.contains(Scenario.DELAY_10S)
            && DELAYED_PATHS.contains(req.path())
            && !delay()) {
          return;
        }
        if (req.path().startsWith(MANAGEMENT_API)) {
          if (scenarios.contains(Scenario.MANAGEMENT_API_SLOW) && !delay()) {
            return;
          }
          resp = oidc.managementApi().handle(req);
        } else {
          resp = oidc.handle(req);
        }
      }
      if (resp != Resp.RESET) {
        resp.write(exchange);
      }
      // Resp.RESET: closing the exchange before any header was sent drops the connection.
    } catch (IOException e) {
      LOG.log(Level.FINE, "connection failed", e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "request failed", e);
      try {
        Resp.oauthError(500, "server_error", "oops! something went wrong").write(exchange);
      } catch (IOException | RuntimeException ignored) {
        // The answer may already be under way; the connection is closed below.
      }
    } finally {
      exchange.close();
    }
  }

  /** Waits the scenario's delay; false when the provider stops listening meanwhile. */
  private boolean delay() {
    CountDownLatch latch;
    synchronized (serverLock) {
      latch = interruptDelays;
    }
    try {
      return !latch.await(DELAY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void record(Req req) {
    log.add(
        new RecordedRequest(
            sequence.incrementAndGet(),
            Instant.now(),
            req.method(),
            req.path(),
            req.query(),
            req.form(),
            req.headers(),
            req.body()));
    counts.computeIfAbsent(req.path(), p -> new AtomicLong()).incrementAndGet();
    synchronized (arrivals) {
      arrivals.notifyAll();
    }
  }

  private Resp control(Req req) {
    String action = req.path().substring(CONTROL.length());
    boolean post = "POST".equals(req.method());
    try {
      if (action.startsWith(MANAGEMENT_CONTROL) && post) {
        Resp resp = managementControl(req, action.substring(MANAGEMENT_CONTROL.length()));
        return resp != null ? resp : unknownControl(req);
      }
      if (action.startsWith(PASSCODE_CONTROL)) {
        Resp resp = passcodeControl(req, action.substring(PASSCODE_CONTROL.length()), post);
        return resp != null ? resp : unknownControl(req);
      }
      switch (action) {
        case "scenario":
          if (post) {
            String names = req.queryParam("enable");
            if (names == null) {
              names = req.formParam("enable");
            }
            List<Scenario> parsed = new ArrayList<>();
            if (names != null) {
              for (String name : names.split(",")) {
                if (!name.isBlank()) {
                  parsed.add(Scenario.fromWireName(name));
                }
              }
            }
            enable(parsed.toArray(Scenario[]::new));
          }
          return Resp.json(200, Map.of("scenarios", wireNames()));
        case "reset":
          if (!post) {
            break;
          }
          reset();
          return Resp.json(200, Map.of("scenarios", wireNames()));
        case "requests":
          return Resp.json(200, requests().stream().map(TestOpenIdProvider::toJson).toList());
        case "rotate":
          if (!post) {
            break;
          }
          return Resp.json(
              200, Map.of("kid", rotateKey(!"false".equals(req.queryParam("staged")))));
        case "rsa":
          if (!post) {
            break;
          }
          return Resp.json(200, Map.of("kid", useRsa()));
        case "clock":
          if (!post) {
            break;
          }
          setClockOffsets(seconds(req.queryParam("iat")), seconds(req.queryParam("exp")));
          return Resp.json(200, Map.of("ok", true));
        default:
          break;
      }
    } catch (IllegalArgumentException e) {
      return Resp.oauthError(400, "invalid_request", e.getMessage());
    }
    return unknownControl(req);
  }

  private static Resp unknownControl(Req req) {
    return Resp.oauthError(
        404, "invalid_request", "unknown control call " + req.method() + " " + req.path());
  }

  /** The {@code /__control/passcode/*} calls; null for an unknown one. */
  private Resp passcodeControl(Req req, String action, boolean post) {
    if ("users".equals(action) && !post) {
      return Resp.json(200, Map.of("emails", List.copyOf(registeredEmails())));
    }
    if (!post) {
      return null;
    }
    switch (action) {
      case "connector":
        configureHttpEmailConnector(
            URI.create(required(req, "endpoint")), controlParam(req, "authorization"));
        return Resp.json(200, Map.of("ok", true));
      case "users":
        return Resp.json(200, Map.of("id", registerEmailUser(required(req, "email")).sub()));
      case "request":
        return Resp.json(
            200,
            toJson(
                requestPasscode(
                    required(req, "email"),
                    templateType(req),
                    controlParam(req, "locale"),
                    controlParam(req, "ip"))));
      case "verify":
        VerifyResult verified =
            verifyPasscode(required(req, "email"), templateType(req), required(req, "code"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verified", verified.verified());
        json.put("status", verified.status());
        json.put("errorCode", verified.errorCode());
        json.put("failedAttempts", verified.failedAttempts());
        return Resp.json(200, json);
      case "clock":
        advancePasscodeClock(seconds(required(req, "advance")));
        return Resp.json(200, Map.of("now", passcodeNow().toString()));
      default:
        return null;
    }
  }

  /** The {@code /__control/management/*} calls; null for an unknown one. */
  private Resp managementControl(Req req, String action) {
    switch (action) {
      case "template":
        putEmailTemplate(
            required(req, "languageTag"),
            required(req, "templateType"),
            Json.readObject(req.body()));
        return Resp.json(200, Map.of("ok", true));
      case "fallback-language":
        setFallbackLanguage(required(req, "languageTag"));
        return Resp.json(200, Map.of("ok", true));
      default:
        return null;
    }
  }

  /** A control parameter from the query or, failing that, from a form or JSON body. */
  private static String controlParam(Req req, String name) {
    String value = req.queryParam(name);
    return value != null ? value : req.formParam(name);
  }

  private static String required(Req req, String name) {
    String value = controlParam(req, name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing parameter " + name);
    }
    return value;
  }

  private static String templateType(Req req) {
    String type = controlParam(req, "type");
    return type == null || type.isBlank() ? "SignIn" : type;
  }

  private static Map<String, Object> toJson(PasscodeResult r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", r.status());
    json.put("errorCode", r.errorCode());
    json.put("errorDescription", r.errorDescription());
    json.put("endpointCalled", r.endpointCalled());
    json.put("endpointStatus", r.endpointStatus());
    json.put("endpointBody", r.endpointBody());
    json.put("elapsedNanos", r.elapsedNanos());
    json.put("code", r.code());
    return json;
  }

  private List<String> wireNames() {
    return scenarios.stream().map(Scenario::wireName).toList();
  }

  private static Duration seconds(String value) {
    return value == null ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(value.trim()));
  }

  private static Map<String, Object> toJson(RecordedRequest r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("seq", r.seq());
    json.put("at", r.at().toString());
    json.put("method", r.method());
    json.put("path", r.path());
    json.put("query", r.query());
    json.put("form", r.form());
    json.put("headers", r.headers());
    json.put("body", r.body());
    return json;
  }

  private static Map<String, Object> mutable(Map<String, Object> map) {
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
  }

  private static Set<Scenario> scenarioSet(Scenario... scenarios) {
    EnumSet<Scenario> set = EnumSet.noneOf(Scenario.class);
    set.addAll(Arrays.asList(scenarios));
    return set;
  }
}
