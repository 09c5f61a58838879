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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One server running the built WAR as {@code /app} in a JVM of its own, which a test may stop
 * cleanly (SIGTERM, as a service manager does), kill with SIGKILL, and start again on the same
 * files. Each node has a private base directory under {@code target/nodes/<name>/}, ports from
 * {@link NodePorts}, and the application's settings as {@code -D} options, like {@code
 * arquillian.xml} gives them. Subclasses say how their server is laid out and launched.
 */
public abstract class ServerNode implements AutoCloseable {

  /** The client the nodes are configured as; register it at the test provider. */
  public static final String APP_ID = "test-app";

  public static final String APP_SECRET = "test-app-secret";

  /** The {@code Authorization} value of Logto's HTTP email connector for the nodes. */
  public static final String MAIL_AUTHORIZATION = "Bearer_test-mail-token";

  private static final Duration START_DEADLINE = Duration.ofSeconds(180);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
  private static final Set<ServerNode> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    // A failed or interrupted test run must not leave server JVMs behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerNode::destroy)));
  }

  private final String name;
  private final Path base;
  private final int httpPort;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;
  private ProcessHandle jvm;
  private long startedAtLogLength;

  /** What every node is built from: its name, the application's settings and the WAR. */
  public abstract static class Builder<B extends Builder<B>> {
    final String name;
    final Map<String, String> settings = new LinkedHashMap<>();
    Path war = builtWar();

    protected Builder(String name) {
      this.name = name;
    }

    /** This builder, typed as its subclass. */
    protected abstract B self();

    /** The test provider's endpoint, the node's {@code LOGTO_ENDPOINT}. */
    public B logtoEndpoint(String endpoint) {
      return setting("LOGTO_ENDPOINT", endpoint);
    }

    /** An application setting as a system property; replaces the node's default for {@code key}. */
    public B setting(String key, String value) {
      settings.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return self();
    }

    public B war(Path builtWar) {
      this.war = builtWar;
      return self();
    }

    /** Checks that the server at {@code home} and the WAR are there before a node is made. */
    protected Path checkedHome(Path home, String launcher, String what) {
      Path absolute = home.toAbsolutePath();
      requireFile(
          absolute.resolve(launcher),
          what + " (unpack it first: mvn -Pcontainers dependency:unpack@unpack-servers)");
      requireFile(war, "WAR (run mvn package first)");
      return absolute;
    }
  }

  /**
   * @param builder the node's name (lower-case letters, digits and '-'; names the base directory)
   *     and the application settings that replace or add to the nodes' defaults
   */
  protected ServerNode(Builder<?> builder) {
    String name = builder.name;
    Map<String, String> overrides = builder.settings;
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("node name: lower-case letters, digits, '-': " + name);
    }
    this.name = name;
    this.base = nodesDirectory().resolve(name).toAbsolutePath();
    this.httpPort = NodePorts.claim();
    settings.put("LOGTO_APP_ID", APP_ID);
    settings.put("LOGTO_APP_SECRET", APP_SECRET);
    settings.put("APP_BASE_URL", baseUrl());
    settings.put("LOGTO_SCOPES", "roles,urn:logto:scope:organizations");
    settings.put("SESSION_PENDING_MAX", "2000");
    settings.put("LOGTO_API_RESOURCE", "https://api.example.test");
    settings.put("MAIL_CONFIG_FILE", mailConfigFile().toString());
    settings.put("MAIL_AUTHORIZATION", MAIL_AUTHORIZATION);
    settings.put("MAIL_ALLOW_INSECURE_ENDPOINT", "true");
    settings.putAll(overrides);
    if (!settings.containsKey("LOGTO_ENDPOINT")) {
      throw new IllegalArgumentException("LOGTO_ENDPOINT: the test provider's endpoint");
    }
  }

  /** {@code http://localhost:<port>/app}, the node's {@code APP_BASE_URL} unless a test sets it. */
  /** The WAR the build packaged ({@code -Dapp.war}). */
  public static Path builtWar() {
    return Paths.get(System.getProperty("app.war", "target/logto-jee.war"));
  }

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

  /** The node's own directory: its server base, logs and mail configuration. */
  public Path base() {
    return base;
  }

  /** Where the node's {@code MAIL_CONFIG_FILE} points unless the test set another. */
  public Path mailConfigFile() {
    return base.resolve("mail/mail-config.json");
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The server JVM's process id while it runs. */
  public long pid() {
    requireRunning();
    return jvm.pid();
  }

  /**
   * Starts the server on the existing base and returns once {@code /app/api/health} answers 200.
   *
   * @throws IllegalStateException if the server exits first or the deadline passes (the log is
   *     attached)
   */
  public synchronized void start() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is already running");
    }
    startedAtLogLength = logLength();
    ProcessBuilder builder =
        launcher()
            .directory(base.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    RUNNING.add(this);
    awaitHealthy();
    jvm = findServerJvm();
  }

  /**
   * SIGKILL to the server JVM, as {@code kill -9} does: no shutdown hook, nothing flushed or
   * stored. Returns once the process is gone.
   */
  public synchronized void killHard() {
    requireRunning();
    jvm.destroyForcibly();
    awaitExit("SIGKILL");
  }

  /**
   * SIGTERM to the server JVM, as a service manager stops it: its shutdown hook stops the
   * application. Returns once the JVM has exited.
   */
  public synchronized void stopCleanly() {
    requireRunning();
    jvm.destroy();
    awaitExit("SIGTERM");
  }

  /** Kills the node if it still runs; a test that needs a clean stop calls it itself. */
  @Override
  public synchronized void close() {
    if (isRunning()) {
      killHard();
    }
  }

  /** Everything the node's JVMs wrote to stdout and stderr, every run. */
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

  // ------------------------------------------------------------------ for subclasses

  /** The command that runs the server in the foreground, with its environment. */
  protected abstract ProcessBuilder launcher();

  /**
   * The application's settings as {@code -D} options. None may hold white space or a quote: the
   * servers' start scripts evaluate their option lists.
   */
  protected List<String> settingOptions() {
    List<String> options = new ArrayList<>();
    settings.forEach((key, value) -> options.add("-D" + key + "=" + value));
    for (String option : options) {
      if (option.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
        throw new IllegalArgumentException("option with white space or a quote: " + option);
      }
    }
    return options;
  }

  /** The directory that holds the unpacked server distributions. */
  protected static Path serversDirectory() {
    return Paths.get(System.getProperty("node.servers.dir", "target/servers"));
  }

  protected static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          name + " is not set: run through the build's 'nodes' failsafe execution");
    }
    return value;
  }

  /**
   * {@code text} with {@code target} replaced, which must occur exactly once: a changed server
   * distribution then fails here rather than starting a node on the wrong port.
   */
  protected static String replaceOnce(String text, String target, String replacement) {
    int at = text.indexOf(target);
    if (at < 0 || text.indexOf(target, at + 1) >= 0) {
      throw new IllegalStateException("expected exactly one " + target);
    }
    return text.substring(0, at) + replacement + text.substring(at + target.length());
  }

  protected static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  protected static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no " + what + " at " + file);
    }
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
   * The server JVM: the child itself, or the one java process below a start script. Signals go to
   * it, not to a shell that would die and leave the server running.
   */
  private ProcessHandle findServerJvm() {
    ProcessHandle child = process.toHandle();
    List<ProcessHandle> javas =
        Stream.concat(Stream.of(child), child.descendants()).filter(ServerNode::isJava).toList();
    if (javas.size() != 1) {
      throw new IllegalStateException(
          name + " runs " + javas.size() + " java processes under its launcher, not one");
    }
    return javas.get(0);
  }

  private static boolean isJava(ProcessHandle handle) {
    return handle
        .info()
        .command()
        .map(command -> Paths.get(command).getFileName().toString().equals("java"))
        .orElse(false);
  }

  private void destroy() {
    if (jvm != null) {
      jvm.destroyForcibly();
    }
    process.destroyForcibly();
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new IllegalStateException(name + " is not running");
    }
  }

  private void awaitExit(String signal) {
    try {
      jvm.onExit().get(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      // A start script above the JVM ends right after it.
      if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException();
      }
    } catch (TimeoutException e) {
      destroy();
      throw new IllegalStateException(
          name + " still ran " + STOP_DEADLINE + " after " + signal + ":\n" + logTail(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      RUNNING.remove(this);
    }
  }

  // ------------------------------------------------------------------ log

  private Path consoleLog() {
    return base.resolve("console.log");
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

  private static Path nodesDirectory() {
    return Paths.get(System.getProperty("nodes.dir", "target/nodes"));
  }
}
