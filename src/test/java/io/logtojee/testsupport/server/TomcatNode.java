package io.logtojee.testsupport.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One Tomcat running the built WAR as {@code /app}, in a JVM of its own that a test may stop
 * cleanly, kill with SIGKILL, and start again on the same files.
 *
 * <p>The node runs the unpacked distribution ({@code CATALINA_HOME}, shared and never written) with
 * a private {@code CATALINA_BASE} under {@code target/nodes/<name>/}: a copy of the distribution's
 * {@code conf/}, its own HTTP port, no shutdown port (a clean stop is SIGTERM, as from systemd),
 * and the application's settings as {@code -D} options, like {@code arquillian.xml} gives them.
 * {@code catalina.sh run} execs the JVM, so the child process is the server itself and SIGKILL
 * reaches it, not a shell.
 *
 * <p>Where the distribution and the WAR are comes from system properties the build passes: {@code
 * node.servers.dir} and {@code node.tomcat.version} (the distribution is {@code
 * <servers>/apache-tomcat-<version>}), {@code app.war}, and {@code nodes.dir} for the bases.
 */
public final class TomcatNode implements AutoCloseable {

  /** The client the nodes are configured as; register it at the test provider. */
  public static final String APP_ID = "test-app";

  public static final String APP_SECRET = "test-app-secret";

  /** The {@code Authorization} value of Logto's HTTP email connector for the nodes. */
  public static final String MAIL_AUTHORIZATION = "Bearer_test-mail-token";

  private static final Duration START_DEADLINE = Duration.ofSeconds(120);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
  private static final Set<TomcatNode> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    // A failed or interrupted test run must not leave server JVMs behind.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(node -> node.process.destroyForcibly())));
  }

  private final String name;
  private final Path home;
  private final Path base;
  private final int httpPort;
  private final Map<String, String> settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;
  private long startedAtLogLength;

  private TomcatNode(Builder builder) {
    this.name = builder.name;
    this.home = builder.home;
    this.base = nodesDirectory().resolve(builder.name).toAbsolutePath();
    this.httpPort = NodePorts.claim();
    this.settings = new LinkedHashMap<>();
    settings.put("LOGTO_APP_ID", APP_ID);
    settings.put("LOGTO_APP_SECRET", APP_SECRET);
    settings.put("APP_BASE_URL", baseUrl());
    settings.put("LOGTO_SCOPES", "roles,urn:logto:scope:organizations");
    settings.put("SESSION_PENDING_MAX", "2000");
    settings.put("LOGTO_API_RESOURCE", "https://api.example.test");
    settings.put("MAIL_CONFIG_FILE", mailConfigFile().toString());
    settings.put("MAIL_AUTHORIZATION", MAIL_AUTHORIZATION);
    settings.put("MAIL_ALLOW_INSECURE_ENDPOINT", "true");
    settings.putAll(builder.settings);
    if (!settings.containsKey("LOGTO_ENDPOINT")) {
      throw new IllegalArgumentException("LOGTO_ENDPOINT: the test provider's endpoint");
    }
    try {
      prepareBase(builder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + base, e);
    }
  }

  /** A node named {@code name}; its base directory is made afresh when the builder builds it. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** {@code http://localhost:<port>/app}, the node's {@code APP_BASE_URL}. */
  public String baseUrl() {
    return "http://localhost:" + httpPort + "/app";
  }

  /** A URL of the application, {@code path} starting with {@code /}. */
  public URI url(String path) {
    return URI.create(baseUrl() + path);
  }

  public int httpPort() {
    return httpPort;
  }

  public String name() {
    return name;
  }

  /** The node's {@code CATALINA_BASE}. */
  public Path base() {
    return base;
  }

  /** Where the node's {@code MAIL_CONFIG_FILE} points unless the test set another. */
  public Path mailConfigFile() {
    return base.resolve("mail/mail-config.json");
  }

  /** The application's work directory, where StandardManager keeps {@code SESSIONS.ser}. */
  public Path applicationWorkDirectory() {
    return base.resolve("work/Catalina/localhost/app");
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The server JVM's process id while it runs. */
  public long pid() {
    if (!isRunning()) {
      throw new IllegalStateException(name + " is not running");
    }
    return process.pid();
  }

  /**
   * Starts the server on the existing base and returns once {@code /app/api/health} answers 200.
   *
   * @throws IllegalStateException if the JVM exits first or the deadline passes (the log is
   *     attached)
   */
  public synchronized void start() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is already running");
    }
    startedAtLogLength = logLength();
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run")
            .directory(base.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
    Map<String, String> environment = builder.environment();
    // Only what this node sets: a developer's shell must not change the server under test.
    for (String inherited : List.of("JAVA_OPTS", "JRE_HOME", "CATALINA_PID", "UMASK")) {
      environment.remove(inherited);
    }
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("CATALINA_HOME", home.toString());
    environment.put("CATALINA_BASE", base.toString());
    environment.put("CATALINA_OPTS", catalinaOpts());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    RUNNING.add(this);
    awaitHealthy();
    requireServerJvm();
  }

  /**
   * SIGKILL to the server JVM, as {@code kill -9} does: no shutdown hook, nothing flushed or
   * stored. Returns once the process is gone.
   */
  public synchronized void killHard() {
    requireRunning();
    process.destroyForcibly();
    awaitExit("SIGKILL");
  }

  /**
   * SIGTERM, as a service manager stops Tomcat: its shutdown hook stops the application, which
   * stores the sessions. Returns once the JVM has exited.
   */
  public synchronized void stopCleanly() {
    requireRunning();
    process.destroy();
    awaitExit("SIGTERM");
  }

  /** Kills the node if it still runs; a test that needs a clean stop calls it itself. */
  @Override
  public synchronized void close() {
    if (isRunning()) {
      killHard();
    }
  }

  /** Everything the node's JVMs wrote to stdout and stderr (Tomcat's console log), every run. */
  public String logText() {
    return logTextFrom(0);
  }

  /** What the node logged since its latest {@link #start()}. */
  public String logTextOfThisRun() {
    return logTextFrom(startedAtLogLength);
  }

  /** A position in the log, for {@link #logTextSince(long)}. */
  public long logMark() {
    return logLength();
  }

  /** What the node logged after {@code mark}, across restarts. */
  public String logTextSince(long mark) {
    return logTextFrom(mark);
  }

  @Override
  public String toString() {
    return name + " (" + baseUrl() + ")";
  }

  // ------------------------------------------------------------------ base directory

  private void prepareBase(Builder builder) throws IOException {
    deleteTree(base);
    for (String directory : List.of("conf", "logs", "work", "temp", "webapps", "bin", "mail")) {
      Files.createDirectories(base.resolve(directory));
    }
    try (Stream<Path> files = Files.list(home.resolve("conf"))) {
      // Files only: conf/Catalina/ of the distribution may hold what another run deployed.
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
      }
    }
    Path serverXml = base.resolve("conf/server.xml");
    Files.writeString(
        serverXml,
        rewriteServerXml(Files.readString(serverXml, StandardCharsets.UTF_8), builder),
        StandardCharsets.UTF_8);
    Files.copy(builder.war, base.resolve("webapps/app.war"));
    if (builder.contextDescriptor != null) {
      Path descriptor = base.resolve("conf/Catalina/localhost/app.xml");
      Files.createDirectories(descriptor.getParent());
      Files.copy(builder.contextDescriptor, descriptor);
    }
    if (builder.setenv != null) {
      Files.copy(builder.setenv, base.resolve("bin/setenv.sh"));
    }
    if (builder.skipJarScanning) {
      Files.writeString(
          base.resolve("conf/catalina.properties"),
          "\ntomcat.util.scan.StandardJarScanFilter.jarsToSkip=*.jar\n",
          StandardOpenOption.APPEND);
    }
  }

  /**
   * The distribution's server.xml (CRLF line endings, kept) with this node's HTTP port, no shutdown
   * port, and the builder's extra Engine content. Each edit must match exactly once, so a changed
   * distribution fails here rather than starting a server on the wrong port.
   */
  private String rewriteServerXml(String xml, Builder builder) {
    String edited =
        replaceOnce(xml, "<Server port=\"8005\" shutdown=\"SHUTDOWN\">", "<Server port=\"-1\">");
    edited =
        replaceOnce(
            edited,
            "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
            "<Connector port=\"" + httpPort + "\" protocol=\"HTTP/1.1\"");
    String engine = "<Engine name=\"Catalina\" defaultHost=\"localhost\">";
    return replaceOnce(edited, engine, engine + builder.engineContent);
  }

  private static String replaceOnce(String text, String target, String replacement) {
    int at = text.indexOf(target);
    if (at < 0 || text.indexOf(target, at + 1) >= 0) {
      throw new IllegalStateException("server.xml: expected exactly one " + target);
    }
    return text.substring(0, at) + replacement + text.substring(at + target.length());
  }

  private String catalinaOpts() {
    List<String> options = new ArrayList<>();
    // A small heap and C1 only: a node lives for seconds, and two cores are shared with the tests.
    options.add("-Xmx384m");
    options.add("-XX:+UseSerialGC");
    options.add("-XX:TieredStopAtLevel=1");
    options.add("-Dsun.net.http.retryPost=false");
    settings.forEach((key, value) -> options.add("-D" + key + "=" + value));
    for (String option : options) {
      // catalina.sh evals CATALINA_OPTS: a space splits an option, a line break ends the command.
      if (option.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
        throw new IllegalArgumentException("option with white space or a quote: " + option);
      }
    }
    return String.join(" ", options);
  }

  // ------------------------------------------------------------------ process

  private void awaitHealthy() {
    URI health = url("/api/health");
    Instant deadline = Instant.now().plus(START_DEADLINE);
    while (true) {
      if (!process.isAlive()) {
        RUNNING.remove(this);
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " while starting:\n" + logTail());
      }
      if (answers200(health)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            name + " did not answer " + health + " within " + START_DEADLINE + ":\n" + logTail());
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }

  private boolean answers200(URI uri) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The child must be the server JVM itself: if a shell stood between, SIGKILL would end the shell
   * and leave the server running.
   */
  private void requireServerJvm() {
    ProcessHandle handle = process.toHandle();
    String command = handle.info().command().orElse("");
    long children = handle.children().count();
    if (!Paths.get(command).getFileName().toString().equals("java") || children > 0) {
      throw new IllegalStateException(
          "the child of " + name + " is " + command + " with " + children + " children, not java");
    }
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new IllegalStateException(name + " is not running");
    }
  }

  private void awaitExit(String signal) {
    try {
      if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            name + " still ran " + STOP_DEADLINE + " after " + signal + ":\n" + logTail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      RUNNING.remove(this);
    }
  }

  // ------------------------------------------------------------------ log

  private Path consoleLog() {
    return base.resolve("logs/console.log");
  }

  private long logLength() {
    try {
      return Files.exists(consoleLog()) ? Files.size(consoleLog()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logTextFrom(long from) {
    if (!Files.exists(consoleLog())) {
      return "";
    }
    try (RandomAccessFile log = new RandomAccessFile(consoleLog().toFile(), "r")) {
      long start = Math.min(from, log.length());
      byte[] text = new byte[(int) (log.length() - start)];
      log.seek(start);
      log.readFully(text);
      return new String(text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logTail() {
    String text = logTextOfThisRun();
    return text.length() <= 8000 ? text : text.substring(text.length() - 8000);
  }

  // ------------------------------------------------------------------ configuration

  private static Path nodesDirectory() {
    return Paths.get(System.getProperty("nodes.dir", "target/nodes"));
  }

  private static Path defaultHome() {
    String version = System.getProperty("node.tomcat.version");
    if (version == null) {
      throw new IllegalStateException(
          "node.tomcat.version is not set: run through the build's 'nodes' failsafe execution");
    }
    return Paths.get(System.getProperty("node.servers.dir", "target/servers"))
        .resolve("apache-tomcat-" + version);
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

  /** What a node runs and how it is configured; {@link #build()} makes its base directory. */
  public static final class Builder {
    private final String name;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path home;
    private Path war = Paths.get(System.getProperty("app.war", "target/logto-jee.war"));
    private Path contextDescriptor;
    private Path setenv;
    private String engineContent = "";
    private boolean skipJarScanning;

    private Builder(String name) {
      if (!name.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("node name: lower-case letters, digits, '-': " + name);
      }
      this.name = name;
    }

    /** The test provider's endpoint, the node's {@code LOGTO_ENDPOINT}. */
    public Builder logtoEndpoint(String endpoint) {
      return setting("LOGTO_ENDPOINT", endpoint);
    }

    /** An application setting as a system property; replaces the node's default for {@code key}. */
    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** Another unpacked Tomcat, e.g. 10.1; by default the one the build names. */
    public Builder tomcatHome(Path tomcatHome) {
      this.home = tomcatHome;
      return this;
    }

    public Builder war(Path builtWar) {
      this.war = builtWar;
      return this;
    }

    /** Installed as {@code conf/Catalina/localhost/app.xml}, as an operator installs ours. */
    public Builder contextDescriptor(Path descriptor) {
      this.contextDescriptor = descriptor;
      return this;
    }

    /** Installed as {@code bin/setenv.sh} of the base, which {@code catalina.sh} sources. */
    public Builder setenv(Path script) {
      this.setenv = script;
      return this;
    }

    /**
     * XML inserted as the first content of server.xml's {@code <Engine>}, e.g. a {@code Cluster}
     * element for nodes that replicate sessions.
     */
    public Builder engineContent(String xml) {
      this.engineContent = Objects.requireNonNull(xml);
      return this;
    }

    /**
     * Tomcat does not scan the WAR's jars for TLDs, web fragments and annotations, which saves
     * about a third of each start. Ours has none of them in {@code WEB-INF/lib} (no JSP, no
     * fragment, no initialiser), so the application starts the same; a node restarted many times
     * uses it, a node that stands for the documented setup does not.
     */
    public Builder skipJarScanning() {
      this.skipJarScanning = true;
      return this;
    }

    /** Claims a port and makes the base directory afresh; the server is not started yet. */
    public TomcatNode build() {
      if (home == null) {
        home = defaultHome();
      }
      home = home.toAbsolutePath();
      if (!Files.isRegularFile(home.resolve("bin/catalina.sh"))) {
        throw new IllegalStateException(
            "no Tomcat at "
                + home
                + ": unpack it first (mvn -Pcontainers dependency:unpack@unpack-servers)");
      }
      if (!Files.isRegularFile(war)) {
        throw new IllegalStateException("no WAR at " + war + ": run mvn package first");
      }
      return new TomcatNode(this);
    }
  }
}
