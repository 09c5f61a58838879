package io.logtojee.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.nodes.MailConfigAdmin;
import io.logtojee.nodes.NodeBrowser;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.TestUser;
import io.logtojee.testsupport.server.NodePorts;
import io.logtojee.testsupport.server.ServerNode;
import io.logtojee.testsupport.server.TomcatNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark: the built WAR in its own Tomcat 11 ({@link TomcatNode}) with the fake Logto and
 * the fake DirectMail on loopback, each scenario loaded with {@code wrk} after a warm-up, and the
 * JMH figure of one ES384 verification that the Bearer rows are compared with. {@link #run()}
 * prints one table and writes it as JSON; it judges nothing, so that a slow machine never fails a
 * build: the rows say whether each target was met.
 *
 * <p>The smoke mode runs every scenario once for a second, with few tokens and an in-process JMH
 * run, so that the benchmark is exercised by the normal test suite and cannot rot.
 */
public final class BenchHarness {

  /** The application's API resource, the audience of the Bearer tokens (a node default). */
  static final String RESOURCE = "https://api.example.test";

  private static final String CLIENT = "bench-client";
  private static final String STATIC_PATH = "/app.js";
  private static final Duration JWKS_COOLDOWN = Duration.ofSeconds(30);
  private static final double SETTLED = 0.05;
  private static final TestUser USER =
      new TestUser(
          "benchuser001",
          "Bench User",
          "bench",
          "bench@example.test",
          true,
          null,
          List.of("user"),
          List.of());

  /** How long and how hard to run, and on what. */
  public record Settings(
      boolean smoke,
      int seconds,
      int warmupSeconds,
      int warmupMaxRuns,
      int tokens,
      int sessions,
      int threads,
      int connections,
      Path javaHome,
      List<String> extraJvmOptions,
      Set<String> onlyRows,
      Path directory) {

    /**
     * The full benchmark, with {@code -Dbench.seconds} (measured seconds per row, 10), {@code
     * -Dbench.warmup.seconds} (3), {@code -Dbench.warmup.max} (runs, 5), {@code -Dbench.tokens}
     * (30000), {@code -Dbench.sessions} (B5's signed-in sessions, 10000), {@code -Dbench.threads}
     * (2), {@code -Dbench.connections} (32), {@code -Dbench.java.home} (the server's JDK; the one
     * running Maven), {@code -Dbench.jvm.options} (added to the server's, e.g. a JFR recording) and
     * {@code -Dbench.rows} (a comma-separated subset of the rows, e.g. {@code static,B1}).
     */
    public static Settings fullRun() {
      return new Settings(
          false,
          Integer.getInteger("bench.seconds", 10),
          Integer.getInteger("bench.warmup.seconds", 3),
          Integer.getInteger("bench.warmup.max", 5),
          Integer.getInteger("bench.tokens", 30_000),
          Integer.getInteger("bench.sessions", 10_000),
          Integer.getInteger("bench.threads", 2),
          Integer.getInteger("bench.connections", 32),
          javaHomeProperty(),
          words(System.getProperty("bench.jvm.options", ""), " "),
          Set.copyOf(words(System.getProperty("bench.rows", ""), ",")),
          Paths.get(System.getProperty("bench.dir", "target/bench")));
    }

    /** One second per scenario, no warm-up, few tokens and sessions. */
    public static Settings smokeRun() {
      return new Settings(
          true,
          1,
          0,
          0,
          200,
          50,
          2,
          8,
          javaHomeProperty(),
          List.of(),
          Set.of(),
          Paths.get(System.getProperty("bench.dir", "target/bench")));
    }

    boolean wants(String row) {
      return onlyRows.isEmpty() || onlyRows.contains(row);
    }

    private static Path javaHomeProperty() {
      String home = System.getProperty("bench.java.home", "");
      return Paths.get(home.isBlank() ? System.getProperty("java.home") : home);
    }

    private static List<String> words(String text, String separator) {
      return Arrays.stream(text.split(separator))
          .map(String::trim)
          .filter(word -> !word.isEmpty())
          .toList();
    }
  }

  /**
   * One row of the table.
   *
   * @param measured the row's own figure in {@code unit}
   * @param ratio the figure the target is about when it compares two things, else NaN
   * @param met whether the target was met; null for rows without one
   */
  public record Row(
      String id,
      String what,
      double measured,
      String unit,
      String ratioOf,
      double ratio,
      String target,
      Boolean met,
      long requests,
      long non2xx,
      long socketErrors,
      double p99Millis,
      int warmupRuns) {}

  private final Settings settings;
  private final List<Row> rows = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int runNumber;
  private final Map<Path, Long> tokenOffsets = new HashMap<>();
  private long serverPid;
  private Map<String, Long> lastHistogram = Map.of();

  public BenchHarness(Settings settings) {
    this.settings = settings;
  }

  /** Whether {@code wrk} is on the {@code PATH}; {@link #run()} fails without it. */
  public static boolean wrkInstalled() {
    return Wrk.find().isPresent();
  }

  /**
   * Runs every row and writes {@code results.json} (the smoke: {@code smoke-results.json}) to the
   * settings' directory.
   *
   * @return the rows, in the table's order
   * @throws IllegalStateException when wrk is missing or a scenario cannot be set up
   */
  public List<Row> run() throws IOException {
    Wrk wrk = Wrk.onPath(settings.threads(), settings.connections());
    Files.createDirectories(settings.directory());
    long started = System.nanoTime();
    int cores = Runtime.getRuntime().availableProcessors();
    double verificationsPerCore = settings.wants("JMH") ? jmhVerificationsPerSecond() : Double.NaN;
    double verificationCapacity = verificationsPerCore * cores;
    log("JMH: %.0f ES384 verifications/s on one core, %d cores", verificationsPerCore, cores);

    try (TestOpenIdProvider logto = TestOpenIdProvider.start(NodePorts.claim());
        FakeDirectMail directMail =
            new FakeDirectMail()
                .addKey(MailConfigAdmin.KEY_ID, MailConfigAdmin.KEY_SECRET)
                .addSender(MailConfigAdmin.SENDER)
                .start(NodePorts.claim());
        TomcatNode node = buildNode(settings.smoke() ? "bench-smoke" : "bench", logto)) {
      logto.setUser(USER);
      prepare(node, logto, directMail);
      node.start();
      log("%s started on %s", node, settings.javaHome());
      String startLog = node.logTextOfThisRun();
      serverPid = node.pid();

      NodeBrowser browser = new NodeBrowser(node, logto.endpoint());
      browser.signIn();
      if (!browser.me().path("authenticated").asBoolean()) {
        throw new IllegalStateException("the benchmark's user is not signed in");
      }
      String cookie = "Cookie: " + browser.cookieHeader();
      String me = node.baseUrl() + "/api/me";

      Row staticRow = null;
      if (settings.wants("static")) {
        staticRow =
            row(
                "static",
                "GET /app" + STATIC_PATH + ", a " + staticSize() + "-byte file of the WAR",
                "req/s",
                seconds ->
                    wrk.run(node.baseUrl() + STATIC_PATH, seconds, List.of(), null, List.of()));
        rows.add(staticRow);
      }
      Row b1 = null;
      if (settings.wants("B1")) {
        b1 =
            row(
                "B1",
                "GET /app/api/me, signed in (session cookie)",
                "req/s",
                plain(wrk, me, cookie));
        rows.add(ratio(b1, "B1 / static", measured(staticRow), 0.80));
      }
      if (settings.wants("signed-out")) {
        rows.add(row("signed-out", "GET /app/api/me, no session", "req/s", plain(wrk, me, null)));
      }
      if (settings.wants("B2") || settings.wants("B2'") || settings.wants("B3")) {
        bearerRows(wrk, logto, me, measured(b1), verificationCapacity);
      }
      if (settings.wants("B4")) {
        mailRows(wrk, node, directMail);
      }
      node.stopCleanly();
      serverPid = 0;
      if (settings.wants("B5")) {
        sessionRows(logto, directMail);
      }
      if (settings.wants("B6")) {
        warRows(startLog);
      }
    }
    if (settings.wants("JMH")) {
      rows.add(
          new Row(
              "JMH",
              "one ES384 JWS verification (Nimbus), one thread; x " + cores + " cores",
              verificationsPerCore,
              "ops/s/core",
              "",
              Double.NaN,
              "",
              null,
              0,
              0,
              0,
              Double.NaN,
              0));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log("server JDK: %s", serverJdk());
    System.out.println(table());
    writeJson(cores, took);
    return List.copyOf(rows);
  }

  private static double measured(Row row) {
    return row == null ? Double.NaN : row.measured();
  }

  /** B2, B2' and B3 (with its JWKS count): Bearer tokens, seen before, new, and forged. */
  private void bearerRows(
      Wrk wrk, TestOpenIdProvider logto, String me, double b1, double verificationCapacity)
      throws IOException {
    String sameToken = logto.mintAccessToken(CLIENT, RESOURCE, "read:demo", Map.of());
    long minting = System.nanoTime();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < settings.tokens(); i++) {
      tokens.add(logto.mintAccessToken(CLIENT, RESOURCE, "read:demo", Map.of()));
    }
    List<String> badTokens = swappedSignatures(tokens);
    Path tokenFile = settings.directory().resolve("tokens.txt");
    Path badTokenFile = settings.directory().resolve("bad-signature-tokens.txt");
    Files.write(tokenFile, tokens);
    Files.write(badTokenFile, badTokens);
    log(
        "%d tokens minted in %d ms",
        tokens.size(), Duration.ofNanos(System.nanoTime() - minting).toMillis());
    expectStatus(me, "Bearer " + sameToken, 200);
    expectStatus(me, "Bearer " + tokens.get(0), 200);
    expectStatus(me, "Bearer " + badTokens.get(0), 401);

    if (settings.wants("B2")) {
      Row b2 =
          row(
              "B2",
              "GET /app/api/me, Bearer, the same valid token every time",
              "req/s",
              plain(wrk, me, "Authorization: Bearer " + sameToken));
      rows.add(ratio(b2, "B2 / B1", b1, 0.90));
    }
    Path tokensLua = script("tokens.lua");
    if (settings.wants("B2'")) {
      Row b2Prime =
          row(
              "B2'",
              "GET /app/api/me, Bearer, a new valid token every request",
              "req/s",
              seconds -> freshTokens(wrk, me, seconds, tokensLua, tokenFile, tokens.size()));
      rows.add(ratio(b2Prime, "B2' / (JMH x cores)", verificationCapacity, 0.90));
    }
    if (settings.wants("B3")) {
      long jwksBefore = logto.count("/oidc/jwks");
      long b3Started = System.nanoTime();
      Row b3 =
          row(
              "B3",
              "GET /app/api/me, Bearer, a new bad-signature token (known kid) every request",
              "req/s",
              seconds -> freshTokens(wrk, me, seconds, tokensLua, badTokenFile, tokens.size()));
      Duration b3Took = Duration.ofNanos(System.nanoTime() - b3Started);
      rows.add(ratio(b3, "B3 / (JMH x cores)", verificationCapacity, 0.90));
      long jwksFetches = logto.count("/oidc/jwks") - jwksBefore;
      long allowedFetches = 1 + b3Took.toSeconds() / JWKS_COOLDOWN.toSeconds();
      rows.add(
          figure(
              "B3 JWKS",
              "JWKS fetches during B3 (" + b3Took.toSeconds() + " s, 30 s cooldown)",
              jwksFetches,
              "fetches",
              "<= " + allowedFetches,
              jwksFetches <= allowedFetches));
    }
  }

  /**
   * One run of {@code tokens.lua} from the first token no earlier run of this file sent, so that
   * the verified-token cache never holds it; warns when the file is used up and tokens repeat.
   */
  private Wrk.Run freshTokens(
      Wrk wrk, String url, int seconds, Path script, Path file, int tokenCount) {
    long offset = tokenOffsets.getOrDefault(file, 0L);
    Wrk.Run run =
        wrk.run(
            url,
            seconds,
            List.of(),
            script,
            List.of(
                file.toString(),
                "/app/api/me",
                String.valueOf(settings.threads()),
                String.valueOf(offset % tokenCount)));
    long next = offset + run.requests() + settings.connections();
    if (next > tokenCount) {
      log(
          "%s used up (%d tokens, %d sent): raise -Dbench.tokens, later runs repeat tokens",
          file.getFileName(), tokenCount, next);
    }
    tokenOffsets.put(file, next);
    return run;
  }

  /**
   * B4: the mail endpoint's sustained rate under load, then its p99 with one connection less the
   * fake DirectMail's own p99 for the same calls, which is the time the endpoint adds.
   */
  private void mailRows(Wrk wrk, TomcatNode node, FakeDirectMail directMail) {
    Path mailLua = script("mail.lua");
    String url = node.baseUrl() + "/api/mail/send";
    int acceptedBefore = directMail.accepted().size();
    Row b4 =
        row(
            "B4",
            "POST /app/api/mail/send to DirectMail (fake), a new address every request",
            "msg/s",
            seconds -> wrk.run(url, seconds, List.of(), mailLua, mailArgs()));
    rows.add(
        new Row(
            b4.id(),
            b4.what(),
            b4.measured(),
            b4.unit(),
            "",
            Double.NaN,
            ">= 1000 msg/s",
            b4.measured() >= 1000,
            b4.requests(),
            b4.non2xx(),
            b4.socketErrors(),
            b4.p99Millis(),
            b4.warmupRuns()));
    log("DirectMail (fake) accepted %d mails", directMail.accepted().size() - acceptedBefore);

    Wrk single = Wrk.onPath(1, 1);
    single.run(url, Math.max(1, settings.warmupSeconds()), List.of(), mailLua, mailArgs());
    directMail.resetHandlingTimes();
    Wrk.Run alone = single.run(url, settings.seconds(), List.of(), mailLua, mailArgs());
    double fakeP99 = directMail.handlingTimeMillis(0.99);
    double overhead = alone.p99Millis() - fakeP99;
    log(
        "B4 one connection: p99 %.2f ms, the fake's own p99 %.2f ms, %d requests",
        alone.p99Millis(), fakeP99, alone.requests());
    rows.add(
        new Row(
            "B4 p99",
            "B4 with one connection: p99 of the endpoint less the fake's own p99 ("
                + format(alone.p99Millis())
                + " - "
                + String.format(Locale.ROOT, "%.2f", fakeP99)
                + " ms)",
            overhead,
            "ms",
            "",
            Double.NaN,
            "<= 5 ms",
            overhead <= 5,
            alone.requests(),
            alone.non2xx(),
            alone.socketErrors(),
            alone.p99Millis(),
            1));
  }

  private List<String> mailArgs() {
    return List.of("/app/api/mail/send", ServerNode.MAIL_AUTHORIZATION, "r" + (++runNumber));
  }

  /**
   * B5: the live heap the server holds per signed-in session (class histogram totals, each after a
   * full collection, before and after signing in the settings' number of sessions), then, after a
   * clean stop, the size per session of the file Tomcat stores its sessions in, which is the same
   * Java serialization that session replication sends.
   */
  private void sessionRows(TestOpenIdProvider logto, FakeDirectMail directMail) throws IOException {
    try (TomcatNode node = buildNode(settings.smoke() ? "bench-smoke-b5" : "bench-b5", logto)) {
      prepare(node, logto, directMail);
      node.start();
      sessionRows(node, logto);
    }
  }

  private void sessionRows(TomcatNode node, TestOpenIdProvider logto) throws IOException {
    // On a node of its own, measured between two halves: a node that served the other rows holds
    // caches and counters that shrink meanwhile, and the first sign-ins load classes and caches.
    int half = settings.sessions() / 2;
    long signingIn = System.nanoTime();
    signIn(node, logto, half);
    long heapBefore = liveHeapBytes(node);
    Map<String, Long> classesBefore = lastHistogram;
    signIn(node, logto, settings.sessions() - half);
    long heapAfter = liveHeapBytes(node);
    logGrowth(classesBefore, lastHistogram, settings.sessions() - half);
    log(
        "%d sessions signed in in %d ms",
        settings.sessions(), Duration.ofNanos(System.nanoTime() - signingIn).toMillis());
    int measuredSessions = settings.sessions() - half;
    double perSession = (heapAfter - heapBefore) / (double) measuredSessions;
    rows.add(
        figure(
            "B5 heap",
            "live heap per signed-in session (the last "
                + measuredSessions
                + " of "
                + settings.sessions()
                + " sessions took "
                + (heapAfter - heapBefore) / 1024
                + " KiB)",
            perSession,
            "bytes",
            "<= 4096 bytes",
            perSession <= 4096));

    node.stopCleanly();
    Path stored = node.base().resolve("work/Catalina/localhost/app/SESSIONS.ser");
    long storedBytes = Files.size(stored);
    int storedSessions = storedSessionCount(stored);
    double perStored = storedBytes / (double) storedSessions;
    rows.add(
        figure(
            "B5 stored",
            "serialized session ("
                + storedSessions
                + " sessions in "
                + storedBytes / 1024
                + " KiB of SESSIONS.ser at a clean stop)",
            perStored,
            "bytes",
            "<= 3072 bytes",
            perStored <= 3072));
  }

  private static void signIn(TomcatNode node, TestOpenIdProvider logto, int sessions) {
    for (int i = 0; i < sessions; i++) {
      new NodeBrowser(node, logto.endpoint()).signIn();
    }
  }

  /** B6: the WAR's size and how long Tomcat took to deploy it at this run's start. */
  private void warRows(String startLog) throws IOException {
    long warBytes = Files.size(ServerNode.builtWar());
    double megabytes = warBytes / 1_000_000.0;
    rows.add(
        figure(
            "B6 WAR",
            "size of the built WAR (" + warBytes + " bytes)",
            megabytes,
            "MB",
            "<= 12 MB",
            megabytes <= 12));
    Matcher deployed = DEPLOYED.matcher(startLog);
    double millis =
        deployed.find() ? Double.parseDouble(deployed.group(1).replace(",", "")) : Double.NaN;
    rows.add(
        figure(
            "B6 deploy",
            "Tomcat's deployment time at start (server-config/tomcat/context.xml)",
            millis,
            "ms",
            "<= 3000 ms",
            millis <= 3000));
  }

  private static final Pattern DEPLOYED =
      Pattern.compile(
          "Deployment of (?:web application archive|deployment descriptor) \\[[^\\]]*app\\.(?:war|xml)\\]"
              + " has finished in \\[([\\d,.]+)\\] ms");

  private static Row figure(
      String id, String what, double measured, String unit, String target, boolean met) {
    return new Row(id, what, measured, unit, "", Double.NaN, target, met, 0, 0, 0, Double.NaN, 0);
  }

  /**
   * The bytes of all live objects, from the second of two class histograms: each collects garbage
   * first, and the first may also clear soft references that the second then no longer counts.
   */
  private long liveHeapBytes(TomcatNode node) {
    long first = histogramTotal(node);
    long second = histogramTotal(node);
    log("live heap: %d KiB, then %d KiB", first / 1024, second / 1024);
    return second;
  }

  private long histogramTotal(TomcatNode node) {
    String histogram =
        command(
            settings.javaHome().resolve("bin/jcmd").toString(),
            Long.toString(node.pid()),
            "GC.class_histogram");
    Map<String, Long> bytesByClass = new HashMap<>();
    Matcher line = HISTOGRAM_LINE.matcher(histogram);
    while (line.find()) {
      bytesByClass.put(line.group(3), Long.parseLong(line.group(2)));
      bytesByClass.put("#" + line.group(3), Long.parseLong(line.group(1)));
    }
    lastHistogram = bytesByClass;
    Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
    if (!total.find()) {
      throw new IllegalStateException("no total in the class histogram: " + histogram);
    }
    return Long.parseLong(total.group(1));
  }

  private static final Pattern HISTOGRAM_LINE =
      Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  /** The classes whose live bytes grew most per session, for the reader of the log. */
  private static void logGrowth(Map<String, Long> before, Map<String, Long> after, int sessions) {
    after.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("#"))
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(15)
        .forEach(
            e ->
                log(
                    "  B5 growth: %6d bytes per session  %s",
                    e.getValue() / Math.max(1, sessions), e.getKey()));
  }

  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

  /** StandardManager writes the number of sessions first, as an Integer object. */
  private static int storedSessionCount(Path stored) throws IOException {
    try (ObjectInputStream in =
        new ObjectInputStream(new BufferedInputStream(Files.newInputStream(stored)))) {
      return (Integer) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String command(String... words) {
    try {
      Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", words) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ set-up

  private static void prepare(TomcatNode node, TestOpenIdProvider logto, FakeDirectMail directMail)
      throws IOException {
    logto.registerClient(
        ServerNode.APP_ID,
        ServerNode.APP_SECRET,
        Set.of(node.baseUrl() + "/callback"),
        Set.of(node.baseUrl() + "/"));
    writeMailConfig(node, directMail);
  }

  private TomcatNode buildNode(String name, TestOpenIdProvider logto) {
    TomcatNode.Builder builder =
        TomcatNode.builder(name)
            .logtoEndpoint(logto.endpoint())
            .javaHome(settings.javaHome())
            // The documented setup: StandardManager stores the sessions at a clean stop (B5).
            .contextDescriptor(Paths.get("server-config/tomcat/context.xml"))
            // Limits high enough for B4's load, with the shortest windows allowed.
            .setting("MAIL_LIMIT_RECIPIENT_MAX", "1000")
            .setting("MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", "1")
            .setting("MAIL_LIMIT_IP_MAX", "100000")
            .setting("MAIL_LIMIT_IP_WINDOW_MINUTES", "1")
            .setting("MAIL_LIMIT_GLOBAL_MAX", "500000")
            .setting("MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", "1")
            .setting("MAIL_DM_MAX_CALLS_PER_SECOND", "10000");
    if (!settings.smoke()) {
      // Measured: C2 and the JVM's default collector, not the tests' small C1-only JVM.
      List<String> options = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
      options.addAll(settings.extraJvmOptions());
      builder.jvmOptions(options);
    }
    return builder.build();
  }

  private static void writeMailConfig(ServerNode node, FakeDirectMail directMail)
      throws IOException {
    Path file = node.mailConfigFile();
    Files.createDirectories(file.getParent());
    Files.write(
        file, MailConfigAdmin.toJsonBytes(MailConfigAdmin.config("Bench", directMail.port())));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /**
   * Each token's header and claims with the next token's signature: a well-formed ES384 signature
   * by the known key that does not match, so the application must verify it to refuse it.
   */
  static List<String> swappedSignatures(List<String> tokens) {
    List<String> bad = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String other = tokens.get((i + 1) % tokens.size());
      bad.add(token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.')));
    }
    return bad;
  }

  private void expectStatus(String url, String authorization, int expected) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", authorization)
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            url
                + " answered "
                + response.statusCode()
                + ", not "
                + expected
                + ": "
                + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path script(String name) {
    try {
      return Paths.get(BenchHarness.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no wrk script " + name + " on the test class path", e);
    }
  }

  private static long staticSize() {
    try {
      return Files.size(Paths.get("webapp" + STATIC_PATH));
    } catch (IOException e) {
      return -1;
    }
  }

  // ------------------------------------------------------------------ measuring

  private static IntFunction<Wrk.Run> plain(Wrk wrk, String url, String header) {
    List<String> headers = header == null ? List.of() : List.of(header);
    return seconds -> wrk.run(url, seconds, headers, null, List.of());
  }

  /**
   * Warms up with short runs until two in a row differ by less than 5 % (at most the settings'
   * number of runs), then measures one run; the smoke measures one run and nothing else.
   */
  private Row row(String id, String what, String unit, IntFunction<Wrk.Run> runFor) {
    int warmups = 0;
    double previous = Double.NaN;
    while (warmups < settings.warmupMaxRuns()) {
      double current = runFor.apply(settings.warmupSeconds()).requestsPerSecond();
      warmups++;
      log("%s warm-up %d: %.0f %s", id, warmups, current, unit);
      if (Math.abs(current - previous) < SETTLED * Math.max(current, previous)) {
        break;
      }
      previous = current;
    }
    long cpuBefore = serverCpuMillis();
    Wrk.Run run = runFor.apply(settings.seconds());
    long cpuMillis = serverCpuMillis() - cpuBefore;
    log(
        "%s: %.0f %s (%d requests, %d non-2xx, %d socket errors, p99 %s ms; server CPU %d µs"
            + " per request)",
        id,
        run.requestsPerSecond(),
        unit,
        run.requests(),
        run.non2xx(),
        run.socketErrors(),
        format(run.p99Millis()),
        run.requests() == 0 ? 0 : cpuMillis * 1000 / run.requests());
    return new Row(
        id,
        what,
        run.requestsPerSecond(),
        unit,
        "",
        Double.NaN,
        "",
        null,
        run.requests(),
        run.non2xx(),
        run.socketErrors(),
        run.p99Millis(),
        warmups);
  }

  /**
   * The server JVM's CPU time so far (user and system, from {@code /proc}), which tells what a
   * request costs the server when the load tool and other processes share the cores; 0 when
   * unknown.
   */
  private long serverCpuMillis() {
    if (serverPid == 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Paths.get("/proc/" + serverPid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // Fields 14 and 15 of proc(5), utime and stime in clock ticks (100 per second on Linux).
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Row ratio(Row row, String ratioOf, double denominator, double target) {
    double ratio = row.measured() / denominator;
    return new Row(
        row.id(),
        row.what(),
        row.measured(),
        row.unit(),
        ratioOf,
        ratio,
        String.format(Locale.ROOT, ">= %.2f", target),
        ratio >= target,
        row.requests(),
        row.non2xx(),
        row.socketErrors(),
        row.p99Millis(),
        row.warmupRuns());
  }

  private double jmhVerificationsPerSecond() {
    OptionsBuilder options = new OptionsBuilder();
    options
        .include(Es384VerifyBenchmark.class.getName().replace(".", "\\.") + "\\.verify")
        .threads(1)
        .shouldFailOnError(true);
    if (settings.smoke()) {
      options
          .forks(0)
          .warmupIterations(0)
          .measurementIterations(1)
          .measurementTime(TimeValue.seconds(1));
    } else {
      options
          .forks(1)
          // The fork runs on the server's JDK, so the crypto limit is that JDK's.
          .jvm(settings.javaHome().resolve("bin/java").toString())
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(2))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(2));
    }
    try {
      RunResult result = new Runner(options.build()).run().iterator().next();
      return result.getPrimaryResult().getScore();
    } catch (RunnerException e) {
      throw new IllegalStateException("the JMH benchmark failed", e);
    }
  }

  // ------------------------------------------------------------------ reporting

  /** The rows as a plain-text table. */
  public String table() {
    StringBuilder table = new StringBuilder();
    String line = "%-10s %14s %-26s %-14s %-4s %9s %8s  %s%n";
    table.append(
        String.format(
            Locale.ROOT,
            line,
            "row",
            "measured",
            "ratio",
            "target",
            "met",
            "non-2xx",
            "p99 ms",
            "what"));
    for (Row row : rows) {
      String ratio =
          Double.isNaN(row.ratio())
              ? ""
              : String.format(Locale.ROOT, "%.2f %s", row.ratio(), row.ratioOf());
      String met = row.met() == null ? "" : row.met() ? "yes" : "NO";
      table.append(
          String.format(
              Locale.ROOT,
              line,
              row.id(),
              String.format(
                  Locale.ROOT,
                  row.unit().equals("MB") || row.unit().equals("ms") ? "%.1f %s" : "%.0f %s",
                  row.measured(),
                  shortUnit(row.unit())),
              ratio,
              row.target(),
              met,
              row.unit().equals("req/s") || row.unit().equals("msg/s") ? row.non2xx() : "",
              format(row.p99Millis()),
              row.what()));
    }
    return table.toString();
  }

  private static String shortUnit(String unit) {
    return unit.equals("ops/s/core") ? "ops/s" : unit;
  }

  private void writeJson(int cores, Duration took) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
    json.put("mode", settings.smoke() ? "smoke" : "full");
    json.put(
        "jdk",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    json.put("serverJdk", serverJdk());
    json.put("cores", cores);
    json.put("secondsPerRow", settings.seconds());
    json.put("warmupSecondsPerRun", settings.warmupSeconds());
    json.put("warmupMaxRuns", settings.warmupMaxRuns());
    json.put("wrkThreads", settings.threads());
    json.put("wrkConnections", settings.connections());
    json.put("tokens", settings.tokens());
    json.put("tookSeconds", took.toSeconds());
    List<Map<String, Object>> jsonRows = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", row.id());
      r.put("what", row.what());
      r.put("measured", round(row.measured()));
      r.put("unit", row.unit());
      if (!Double.isNaN(row.ratio())) {
        r.put("ratioOf", row.ratioOf());
        r.put("ratio", Math.round(row.ratio() * 1000) / 1000.0);
      }
      if (!row.target().isEmpty()) {
        r.put("target", row.target());
        r.put("met", row.met());
      }
      if (row.requests() > 0) {
        r.put("requests", row.requests());
        r.put("non2xx", row.non2xx());
        r.put("socketErrors", row.socketErrors());
        r.put("p99Millis", round(row.p99Millis()));
        r.put("warmupRuns", row.warmupRuns());
      }
      jsonRows.add(r);
    }
    json.put("rows", jsonRows);
    Path file =
        settings.directory().resolve(settings.smoke() ? "smoke-results.json" : "results.json");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    log("wrote %s", file);
  }

  /** The server JDK's version and vendor, from its {@code release} file. */
  private String serverJdk() {
    try {
      Map<String, String> release = new HashMap<>();
      for (String line : Files.readAllLines(settings.javaHome().resolve("release"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          release.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
        }
      }
      return release.getOrDefault("JAVA_VERSION", "?")
          + " ("
          + release.getOrDefault("IMPLEMENTOR", "?")
          + ") at "
          + settings.javaHome();
    } catch (IOException e) {
      return settings.javaHome().toString();
    }
  }

  private static Double round(double value) {
    return Double.isNaN(value) ? null : Math.round(value * 100) / 100.0;
  }

  private static String format(double millis) {
    return Double.isNaN(millis) ? "" : String.format(Locale.ROOT, "%.1f", millis);
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
  }
}
