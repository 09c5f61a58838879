package io.logtojee.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server itself says about the deployed application, read through its own management
 * interface rather than from the application: the number of HTTP sessions the container holds for
 * {@code /app} and the heap in use after a full collection. Tomcat answers through the manager's
 * JMX proxy; WildFly through its CLI, which signs in locally as the user running the tests.
 */
final class ServerStats {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The container's sessions of /app and the heap after a collection, in bytes. */
  record Snapshot(long activeSessions, long heapUsedBytes) {}

  private ServerStats() {}

  static Snapshot afterFullGc() throws IOException, InterruptedException {
    return Servers.isWildFly() ? wildFly() : tomcat();
  }

  private static Snapshot tomcat() throws IOException, InterruptedException {
    tomcatJmx("invoke=java.lang:type=Memory&op=gc");
    String sessions =
        tomcatJmx(
            "get="
                + URLEncoder.encode(
                    "Catalina:type=Manager,host=localhost,context=/app", StandardCharsets.UTF_8)
                + "&att=activeSessions");
    String heap = tomcatJmx("get=java.lang:type=Memory&att=HeapMemoryUsage");
    return new Snapshot(number(sessions, "activeSessions = (\\d+)"), number(heap, "used=(\\d+)"));
  }

  private static String tomcatJmx(String query) throws IOException, InterruptedException {
    String credentials =
        Base64.getEncoder()
            .encodeToString("arquillian:arquillian".getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:8080/manager/jmxproxy/?" + query))
            .header("Authorization", "Basic " + credentials)
            .timeout(Duration.ofSeconds(60))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().startsWith("OK")) {
      throw new IllegalStateException("JMX proxy: " + response.statusCode() + response.body());
    }
    return response.body();
  }

  private static Snapshot wildFly() throws IOException, InterruptedException {
    Path home = Servers.serverLogDirectory().getParent().getParent();
    Path output = Files.createTempFile(Path.of("target"), "wildfly-cli", ".txt");
    Process cli =
        new ProcessBuilder(
                List.of(
                    home.resolve("bin/jboss-cli.sh").toString(),
                    "--connect",
                    "--controller=remote+http://localhost:10090",
                    "--commands=/core-service=platform-mbean/type=memory:gc,"
                        + "/deployment=app.war/subsystem=undertow:read-attribute(name=active-sessions),"
                        + "/core-service=platform-mbean/type=memory:read-attribute(name=heap-memory-usage)"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!cli.waitFor(60, TimeUnit.SECONDS)) {
      cli.destroyForcibly();
      throw new IllegalStateException("jboss-cli did not finish");
    }
    String text = Files.readString(output);
    Files.delete(output);
    if (cli.exitValue() != 0) {
      throw new IllegalStateException("jboss-cli failed: " + text);
    }
    return new Snapshot(number(text, "\"result\" => (\\d+)"), number(text, "\"used\" => (\\d+)L"));
  }

  private static long number(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + regex + " in: " + text);
    }
    return Long.parseLong(matcher.group(1));
  }
}
