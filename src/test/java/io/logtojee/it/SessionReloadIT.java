package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FLT-05's clean restart on Tomcat, deployed with {@code server-config/tomcat/context.xml}: the
 * manager reloads the application, so Tomcat's StandardManager writes every session to SESSIONS.ser
 * on stop and reads it back on start. A signed-in user must come back signed in with the same
 * claims, the refresh token and the ID token must have survived (a new access token is fetched with
 * one, sign-out still sends the other), and the server must log no error while storing or loading
 * sessions. Runs on Tomcat 11 and 10.1; WildFly keeps non-distributable sessions in memory only, so
 * there a redeploy signs users out.
 */
@ExtendWith(ArquillianExtension.class)
class SessionReloadIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** With the context descriptor users copy from server-config, which turns persistence on. */
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar()
        .addAsManifestResource(new File("server-config/tomcat/context.xml"), "context.xml");
  }

  private final CookieClient browser = new CookieClient();

  private static String manager(String command) throws Exception {
    String credentials =
        Base64.getEncoder()
            .encodeToString("arquillian:arquillian".getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:8080/manager/text/" + command + "?path=/app"))
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Basic " + credentials)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Where StandardManager stores the sessions of {@code /app} while it is stopped. */
  private static Path sessionFile() {
    return Servers.serverLogDirectory()
        .resolveSibling("work")
        .resolve("Catalina/localhost/app/SESSIONS.ser");
  }

  /** The server log files and their current lengths, to read only what is written after. */
  private static Map<Path, Long> logLengths() throws IOException {
    Map<Path, Long> lengths = new HashMap<>();
    try (Stream<Path> files = Files.list(Servers.serverLogDirectory())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        lengths.put(file, Files.size(file));
      }
    }
    return lengths;
  }

  private static String loggedSince(Map<Path, Long> lengths) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path file : logLengths().keySet()) {
      long from = lengths.getOrDefault(file, 0L);
      try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
        byte[] added = new byte[(int) Math.max(0, log.length() - from)];
        log.seek(from);
        log.readFully(added);
        text.append(new String(added, StandardCharsets.ISO_8859_1));
      }
    }
    return text.toString();
  }

  @Test
  void aSignedInUserIsStillSignedInAfterTheApplicationRestarts() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    SignIn.complete(browser, "/sign-in");
    JsonNode before = browser.me();
    assertTrue(before.path("authenticated").asBoolean(), before.toString());
    Map<Path, Long> logsBefore = logLengths();

    String stopped = manager("stop");
    Path sessions = sessionFile();
    long bytes = Files.size(sessions);
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(sessions);
    Set<PosixFilePermission> directoryMode = Files.getPosixFilePermissions(sessions.getParent());
    String started = manager("start");

    System.out.printf(
        "FLT-05: one signed-in session takes %d bytes in SESSIONS.ser (file %s, directory %s)%n",
        bytes, PosixFilePermissions.toString(mode), PosixFilePermissions.toString(directoryMode));
    assertTrue(stopped.startsWith("OK"), stopped);
    assertTrue(started.startsWith("OK"), started);
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(directoryMode),
        "the session file's directory is private whatever the server's umask");
    assertFalse(Files.exists(sessions), "Tomcat removes the file once the sessions are back");
    assertEquals(
        before, browser.me(), "FLT-05: the same user with the same claims after the restart");
    String logged = loggedSince(logsBefore);
    assertFalse(logged.contains("SEVERE"), "errors while storing or loading sessions:\n" + logged);
    assertFalse(logged.contains("Exception loading sessions"), logged);
    assertFalse(logged.contains("notSerializable"), logged);

    long tokenCalls = logto.count("/oidc/token");
    HttpResponse<String> organization =
        browser.get(Servers.app("/api/me/tokens?organization=demoorg00001"));
    assertEquals(200, organization.statusCode(), organization.body());
    assertEquals(
        tokenCalls + 1,
        logto.count("/oidc/token"),
        "the restarted application has no cached token: the persisted refresh token got one");

    HttpResponse<String> signOut = browser.get(Servers.app("/sign-out"));
    assertEquals(302, signOut.statusCode());
    assertNotNull(
        CookieClient.query(CookieClient.location(signOut)).get("id_token_hint"),
        "the persisted ID token still ends the Logto session");
    assertFalse(browser.signedIn());
  }

  private static HttpResponse<String> backChannel(TestOpenIdProvider logto, String sid) {
    return new CookieClient()
        .postForm(
            Servers.app("/api/backchannel-logout"),
            "logout_token="
                + java.net.URLEncoder.encode(
                    logto.mintLogoutToken(Doubles.APP_ID, "demouser0001", sid, Map.of()),
                    StandardCharsets.UTF_8));
  }

  private static String newestSid(TestOpenIdProvider logto) {
    java.util.List<String> sids = logto.sessionIds("demouser0001");
    return sids.get(sids.size() - 1);
  }

  @Test
  void aBackChannelLogoutEndsTheSessionAtOnceSoNothingIsPersisted() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    SignIn.complete(browser, "/sign-in");

    assertEquals(200, backChannel(logto, newestSid(logto)).statusCode());
    String stopped = manager("stop");
    boolean persisted = Files.exists(sessionFile());
    String started = manager("start");

    assertTrue(stopped.startsWith("OK"), stopped);
    assertTrue(started.startsWith("OK"), started);
    assertFalse(persisted, "the logout ended the session before the stop: nothing left to store");
    assertFalse(browser.signedIn(), "signed out after the restart");
  }

  @Test
  void aLogoutOfARestoredSessionIsStillKnownAfterTheNextRestart() throws Exception {
    TestOpenIdProvider logto = Doubles.freshLogto();
    SignIn.complete(browser, "/sign-in");
    String sid = newestSid(logto);
    assertTrue(manager("stop").startsWith("OK"));
    assertTrue(manager("start").startsWith("OK"));

    // The restored session is not in this run's memory; the logout is recorded for it.
    assertEquals(200, backChannel(logto, sid).statusCode());
    assertTrue(manager("stop").startsWith("OK"));
    assertTrue(Files.exists(sessionFile()), "the untouched session was stored again");
    assertTrue(manager("start").startsWith("OK"));

    assertFalse(
        browser.signedIn(), "the logout received before the restart still ends the session");
  }
}
