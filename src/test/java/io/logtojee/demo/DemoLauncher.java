package io.logtojee.demo;

import io.logtojee.testsupport.op.Scenario;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.TestUser;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Runs the application locally the way an operator would: the built WAR as ROOT in the Tomcat 11
 * distribution, configured through system properties, signing in against the Logto-shaped test
 * provider on loopback. Started by {@code mvn -Pdemo package}; stops with Ctrl-C.
 *
 * <p>The test provider shows Logto's sign-in experience with email codes ({@link
 * Scenario#EMAIL_SIGN_IN}) and sends the codes through the application's {@code /api/mail/send} as
 * Logto's HTTP email connector does, so a newcomer can sign up with any address and read the code
 * in the mail viewer; the demo user can still sign in without a password.
 */
public final class DemoLauncher {

  static final int APP_PORT = 8080;
  static final int OP_PORT = Integer.getInteger("demo.op.port", 9411);
  static final String APP_ID = "demo-app";
  static final String APP_SECRET = "demo-app-secret-not-for-production";

  private DemoLauncher() {}

  public static void main(String[] args) throws Exception {
    Path war = Paths.get(System.getProperty("demo.war", "target/logto-jee.war"));
    Path tomcat = Paths.get(System.getProperty("demo.tomcat"));
    String base = "http://localhost:" + APP_PORT;

    TestOpenIdProvider logto = TestOpenIdProvider.start(OP_PORT);
    logto.registerClient(APP_ID, APP_SECRET, Set.of(base + "/callback"), Set.of(base + "/"));
    TestUser demo = TestUser.demo();
    // The demo user may open the mail settings console.
    logto.setUser(
        new TestUser(
            demo.sub(),
            demo.name(),
            demo.username(),
            demo.email(),
            demo.emailVerified(),
            demo.picture(),
            List.of("user", "admin"),
            demo.organizations()));
    // The demo user can also sign in with a code sent to demo@example.test.
    logto.registerEmailUser(logto.user());
    logto.configureHttpEmailConnector(URI.create(base + "/api/mail/send"), DemoMail.AUTHORIZATION);
    logto.setPasscodeApplication(APP_ID, "Logto JEE demo", "Logto JEE demo");
    logto.enable(Scenario.EMAIL_SIGN_IN);

    List<String> settings = new ArrayList<>();
    settings.add("-DLOGTO_ENDPOINT=" + logto.endpoint());
    settings.add("-DLOGTO_APP_ID=" + APP_ID);
    settings.add("-DLOGTO_APP_SECRET=" + APP_SECRET);
    settings.add("-DAPP_BASE_URL=" + base);
    settings.add("-DLOGTO_SCOPES=roles,urn:logto:scope:organizations");
    settings.addAll(DemoMail.start(tomcat));

    Process server = startTomcat(tomcat, war, settings);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.destroy();
                  logto.close();
                  DemoMail.stop();
                }));
    awaitHealthy(URI.create(base + "/api/health"), server);

    System.out.println();
    System.out.println("  The application runs at      " + base + "/");
    System.out.println("  Test Logto (OpenID Provider) " + logto.endpoint() + "/oidc");
    TestUser user = logto.user();
    System.out.println(
        "  Demo user                    "
            + user.name()
            + " <"
            + user.email()
            + ">, username '"
            + user.username()
            + "': \"Continue as Demo User\" on the sign-in page, no password");
    DemoMail.describe(base);
    System.out.println("  Sign up with any address:");
    System.out.println(
        "    open "
            + base
            + "/ and click Sign up (German mail: "
            + base
            + "/sign-up?ui_locales=de)");
    System.out.println(
        "    enter an address, read the code in the mail viewer above, type it: you are signed in");
    System.out.println("  Press Ctrl-C to stop.");
    System.out.println();
    System.exit(server.waitFor());
  }

  private static Process startTomcat(Path tomcat, Path war, List<String> settings)
      throws IOException {
    Path webapps = tomcat.resolve("webapps");
    deleteTree(webapps.resolve("ROOT"));
    Files.copy(war, webapps.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx512m");
    command.add("-Dcatalina.home=" + tomcat.toAbsolutePath());
    command.add("-Dcatalina.base=" + tomcat.toAbsolutePath());
    command.add("-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager");
    command.add(
        "-Djava.util.logging.config.file="
            + tomcat.resolve("conf/logging.properties").toAbsolutePath());
    command.add("-Dsun.net.http.retryPost=false");
    command.addAll(settings);
    command.add("-cp");
    command.add(
        tomcat.resolve("bin/bootstrap.jar").toAbsolutePath()
            + File.pathSeparator
            + tomcat.resolve("bin/tomcat-juli.jar").toAbsolutePath());
    command.add("org.apache.catalina.startup.Bootstrap");
    command.add("start");
    return new ProcessBuilder(command).inheritIO().start();
  }

  private static void awaitHealthy(URI health, Process server) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      if (!server.isAlive()) {
        throw new IllegalStateException("Tomcat stopped; see its log above (is port 8080 free?)");
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(health).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Tomcat is still starting.
      }
      LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
    }
    throw new IllegalStateException("The application did not start within 2 minutes");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
