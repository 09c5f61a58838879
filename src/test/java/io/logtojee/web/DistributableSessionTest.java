package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.CurrentUser;
import io.logtojee.auth.LogtoKeys;
import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import io.logtojee.auth.SignedInUser;
import io.logtojee.auth.session.HeldSessions;
import io.logtojee.auth.session.InMemoryRevokedSessions;
import io.logtojee.auth.session.InMemorySessionDirectory;
import io.logtojee.auth.session.LiveSessions;
import io.logtojee.config.AppSettings;
import io.logtojee.config.SettingsSource;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import io.logtojee.testsupport.servlet.FakeSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpSessionEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pac4j.jee.filter.CallbackFilter;
import org.pac4j.jee.filter.SecurityFilter;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * The session a real sign-in leaves behind, with {@code <distributable/>} in mind: the sign-in and
 * callback run through the application's own filters and pac4j's, against the test OpenID Provider,
 * and every attribute then goes through Java serialisation the way Tomcat's cluster (and its {@code
 * SESSIONS.ser}) writes it. What comes back must sign the user in on "another node", and stay
 * small. The id change at sign-in is SES-01, done without invalidating the session.
 */
class DistributableSessionTest {

  /** What one signed-in session may cost on the wire and in every node's memory. */
  static final int MAX_SESSION_BYTES = 8 * 1024;

  private static final String APP_ID = "app-under-test";

  private static TestOpenIdProvider logto;
  private static AppSettings settings;

  private final InMemorySessionDirectory directory = new InMemorySessionDirectory();
  private final HeldSessions heldSessions = new HeldSessions();
  private final LiveSessions liveSessions = new LiveSessions(directory, heldSessions);
  private final PendingSignIns pendingSignIns = new PendingSignIns(10, heldSessions);
  private LogtoSignIn signIn;

  @BeforeAll
  static void startLogto() {
    logto = TestOpenIdProvider.start(0);
    logto.registerClient(
        APP_ID,
        "app-under-test-secret",
        Set.of(TestLogto.APP_BASE_URL + "/callback"),
        Set.of(TestLogto.APP_BASE_URL + "/"));
    settings =
        AppSettings.load(
            SettingsSource.of(
                Map.of(
                    "LOGTO_ENDPOINT",
                    logto.endpoint(),
                    "LOGTO_APP_ID",
                    APP_ID,
                    "LOGTO_APP_SECRET",
                    "app-under-test-secret",
                    "APP_BASE_URL",
                    TestLogto.APP_BASE_URL,
                    "LOGTO_SCOPES",
                    "roles urn:logto:scope:organizations",
                    "LOGTO_API_RESOURCE",
                    "https://api.example.test")));
  }

  @AfterAll
  static void stopLogto() {
    logto.close();
  }

  private LogtoSignIn signIn() {
    if (signIn == null) {
      signIn =
          new LogtoSignIn(
              settings.logto(),
              settings.sessions(),
              LogtoKeys.forTenant(settings.logto()),
              directory);
      assertTrue(signIn.awaitReady(Duration.ofSeconds(10)), "the test OP serves discovery");
    }
    return signIn;
  }

  @Test
  void aSignedInSessionSurvivesSerialisationAndSignsTheUserInOnAnotherNode() throws Exception {
    Started started = startSignIn();
    FakeSession session = started.session();
    String preSignInId = session.getId();
    Map<String, String> callback = authorizeAtLogto(started);

    FakeRequest request = callbackRequest(callback).withSession(session);
    runCallback(request);

    assertSame(session, request.session(), "the same session, renewed in place");
    assertNotEquals(preSignInId, session.getId(), "SES-01: a new id after sign-in");
    assertEquals(java.util.List.of(preSignInId), session.previousIds());
    assertEquals(0, session.invalidateCalls(), "renewed by changeSessionId, never invalidated");
    assertEquals(0, pendingSignIns.count(), "a completed sign-in is no longer pending");

    Map<String, Object> attributes = session.attributes();
    OidcProfile profile = profileIn(attributes);
    assertNotNull(profile.getIdTokenString(), "the ID token is kept");
    assertNotNull(profile.getAccessToken(), "the access token is kept");
    assertNotNull(profile.getRefreshToken(), "the refresh token is kept (offline_access)");
    assertTrue(
        attributes.values().stream().anyMatch(Long.class::isInstance),
        "the sign-in time is a plain Long: " + attributes.keySet());

    byte[] whole = serialise(new LinkedHashMap<>(attributes));
    int perAttribute = 0;
    Map<String, Object> copies = new LinkedHashMap<>();
    for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
      byte[] bytes = serialise(attribute.getValue());
      perAttribute += bytes.length;
      copies.put(attribute.getKey(), deserialise(bytes));
    }
    System.out.printf(
        "Signed-in session: %d attributes %s, %d bytes in one stream, %d bytes attribute by"
            + " attribute%n",
        attributes.size(), new TreeSet<>(attributes.keySet()), whole.length, perAttribute);
    System.out.println(
        "Classes outside the JDK, each with its serialVersionUID: " + SERIALISED_CLASSES);
    assertTrue(
        whole.length <= MAX_SESSION_BYTES,
        "a signed-in session serialises to " + whole.length + " bytes");
    assertTrue(
        perAttribute <= MAX_SESSION_BYTES,
        "attribute by attribute a signed-in session is " + perAttribute + " bytes");

    assertEquals(attributes.keySet(), copies.keySet());
    OidcProfile copy = profileIn(copies);
    assertEquals(profile.getId(), copy.getId());
    assertEquals(profile.getIdTokenString(), copy.getIdTokenString());
    assertEquals(profile.getAccessToken(), copy.getAccessToken());
    assertEquals(profile.getRefreshToken(), copy.getRefreshToken());
    assertEquals(profile.getAttributes(), copy.getAttributes());
    for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
      if (!(attribute.getValue() instanceof Map)) {
        assertEquals(attribute.getValue(), copies.get(attribute.getKey()), attribute.getKey());
      }
    }

    // "Another node": a session holding only the deserialised copies answers as the original.
    FakeSession replica = FakeSession.existing();
    copies.forEach(replica::with);
    CurrentUser currentUser =
        new CurrentUser(
            signIn(),
            settings.sessions(),
            new InMemoryRevokedSessions(settings.sessions().maxAge(), Clock.systemUTC()));
    SignedInUser original = signedIn(currentUser, session);
    SignedInUser replicated = signedIn(currentUser, replica);
    assertEquals(original, replicated);
    assertEquals(logto.user().sub(), replicated.sub());
  }

  @Test
  void thePendingSignInSerialisesAndItsCallbackWorksOnAnotherNode() throws Exception {
    Started started = startSignIn();
    Map<String, Object> pending = started.session().attributes();
    assertFalse(pending.isEmpty());

    byte[] whole = serialise(new LinkedHashMap<>(pending));
    System.out.printf(
        "Pending sign-in: %d attributes %s, %d bytes%n",
        pending.size(), new TreeSet<>(pending.keySet()), whole.length);
    assertTrue(whole.length <= MAX_SESSION_BYTES, whole.length + " bytes");

    FakeSession replica = FakeSession.existing();
    for (Map.Entry<String, Object> attribute : pending.entrySet()) {
      replica.with(attribute.getKey(), deserialise(serialise(attribute.getValue())));
    }
    FakeRequest request = callbackRequest(authorizeAtLogto(started)).withSession(replica);
    runCallback(request);

    assertEquals(0, replica.invalidateCalls());
    assertEquals(1, replica.previousIds().size(), "renewed once");
    assertNotNull(profileIn(replica.attributes()).getIdTokenString(), "signed in on the replica");
  }

  @Test
  void theBackChannelDirectoryAndLiveSessionsFollowTheIdChangeAtSignIn() throws Exception {
    Started started = startSignIn();
    FakeSession session = started.session();
    heldSessions.sessionCreated(new HttpSessionEvent(session.asHttpSession()));
    String preSignInId = session.getId();

    runCallback(callbackRequest(authorizeAtLogto(started)).withSession(session));

    String sub = logto.user().sub();
    assertEquals(Set.of(session.getId()), directory.sessionsFor(sub, null));
    assertFalse(liveSessions.invalidate(preSignInId), "the old id names no session any more");
    assertFalse(session.isInvalidated());
    assertTrue(liveSessions.invalidate(session.getId()), "a back-channel logout finds it");
    assertTrue(session.isInvalidated());
    assertEquals(Set.of(), directory.sessionsFor(sub, null));
  }

  // ---------------------------------------------------------------- the flow

  /** A sign-in that went to Logto: its pending session, and where the browser was sent. */
  private record Started(FakeSession session, String authorizationUrl) {}

  /** {@code GET /sign-in} through the application's filter and pac4j's. */
  private Started startSignIn() throws Exception {
    FakeRequest request = FakeRequest.get("/sign-in").param("returnTo", "/profile");
    FakeResponse response = new FakeResponse();
    SecurityFilter security =
        new SecurityFilter(signIn().pac4jConfig(), LogtoSignIn.CLIENT_NAME, "none", "nocache");
    FilterChain toPac4j =
        (req, res) -> security.doFilter(req, res, (r, s) -> fail("pac4j lets nobody through"));
    new SignInRequestFilter(signIn(), pendingSignIns)
        .doFilter(request.asServletRequest(), response.asServletResponse(), toPac4j);
    assertEquals(302, response.getStatus(), response.body());
    FakeSession session = request.session();
    assertNotNull(session);
    return new Started(session, response.getHeader("Location"));
  }

  /** Follows the authorization URL to the test OP, which signs its user in without a form. */
  private static Map<String, String> authorizeAtLogto(Started started) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(started.authorizationUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    String back = answer.headers().firstValue("Location").orElseThrow(() -> fail(answer.body()));
    assertTrue(back.startsWith(TestLogto.APP_BASE_URL + "/callback?"), back);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : URI.create(back).getRawQuery().split("&")) {
      String[] nameAndValue = pair.split("=", 2);
      parameters.put(
          URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
          URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private FakeRequest callbackRequest(Map<String, String> parameters) {
    FakeRequest request =
        FakeRequest.get("/callback").notifying(heldSessions, liveSessions, pendingSignIns);
    parameters.forEach(request::param);
    return request;
  }

  /** {@code GET /callback} through the guard and pac4j's callback filter, as registered. */
  private void runCallback(FakeRequest request) throws Exception {
    FakeResponse response = new FakeResponse();
    CallbackFilter callback = new CallbackFilter(signIn().pac4jConfig());
    callback.setDefaultUrl(TestLogto.APP_BASE_URL + "/");
    callback.setRenewSession(true);
    callback.setDefaultClient(LogtoSignIn.CLIENT_NAME);
    new CallbackGuardFilter(signIn(), settings.logto().issuer())
        .doFilter(
            request.asServletRequest(),
            response.asServletResponse(),
            (req, res) -> callback.doFilter(req, res, (r, s) -> fail("the callback answers")));
    assertEquals(302, response.getStatus(), response.body());
    assertEquals(TestLogto.APP_BASE_URL + "/profile", response.getHeader("Location"));
  }

  private static SignedInUser signedIn(CurrentUser currentUser, FakeSession session) {
    FakeRequest request = FakeRequest.get("/api/me").withSession(session);
    return currentUser
        .of(request.asServletRequest(), new FakeResponse().asServletResponse())
        .orElseThrow(() -> fail("not signed in: " + session.attributes().keySet()));
  }

  private static OidcProfile profileIn(Map<String, Object> attributes) {
    return attributes.values().stream()
        .filter(Map.class::isInstance)
        .flatMap(profiles -> ((Map<?, ?>) profiles).values().stream())
        .filter(OidcProfile.class::isInstance)
        .map(OidcProfile.class::cast)
        .findFirst()
        .orElseThrow(() -> fail("no pac4j profile in " + attributes.keySet()));
  }

  // ---------------------------------------------------------------- serialisation

  /**
   * Java serialisation, as Tomcat replicates and persists sessions; it also checks that every class
   * of ours on the way declares its {@code serialVersionUID}, so that two builds of the application
   * on two nodes agree on the format only when they should.
   */
  static byte[] serialise(Object value) throws IOException {
    assertInstanceOf(Serializable.class, value, "session attributes must be serialisable");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new VersionCheckingStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  static Object deserialise(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  /**
   * Refuses any class outside the JDK without an explicit {@code serialVersionUID}: its format
   * would then change with every compilation, and two builds of the application on two nodes (a
   * rolling upgrade) could not read each other's sessions.
   */
  private static final class VersionCheckingStream extends ObjectOutputStream {
    VersionCheckingStream(ByteArrayOutputStream out) throws IOException {
      super(out);
    }

    @Override
    protected void annotateClass(Class<?> type) {
      if (type.isArray() || type.isEnum() || type.getName().startsWith("java.")) {
        return;
      }
      try {
        type.getDeclaredField("serialVersionUID");
      } catch (NoSuchFieldException e) {
        throw new AssertionError(type.getName() + " goes into the session without a version");
      }
      SERIALISED_CLASSES.add(type.getName());
    }
  }

  /** The classes outside the JDK that sessions hold, printed with the measured sizes. */
  private static final Set<String> SERIALISED_CLASSES =
      java.util.Collections.synchronizedSet(new TreeSet<>());

  private static AssertionError fail(String message) {
    throw new AssertionError(message);
  }
}
