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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
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

  /** How long and how hard to run. */
  public record Settings(
      boolean smoke,
      int seconds,
      int warmupSeconds,
      int warmupMaxRuns,
      int tokens,
      int threads,
      int connections,
      Path directory) {

    /**
     * The full benchmark, with {@code -Dbench.seconds} (measured seconds per row, 10), {@code
     * -Dbench.warmup.seconds} (3), {@code -Dbench.warmup.max} (runs, 5), {@code -Dbench.tokens}
     * (20000), {@code -Dbench.threads} (2) and {@code -Dbench.connections} (32).
     */
    public static Settings fullRun() {
      return new Settings(
          false,
          Integer.getInteger("bench.seconds", 10),
          Integer.getInteger("bench.warmup.seconds", 3),
          Integer.getInteger("bench.warmup.max", 5),
          Integer.getInteger("bench.tokens", 20_000),
          Integer.getInteger("bench.threads", 2),
          Integer.getInteger("bench.connections", 32),
          Paths.get(System.getProperty("bench.dir", "target/bench")));
    }

    /** One second per scenario, no warm-up, few tokens. */
    public static Settings smokeRun() {
      return new Settings(
          true, 1, 0, 0, 200, 2, 8, Paths.get(System.getProperty("bench.dir", "target/bench")));
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
    double verificationsPerCore = jmhVerificationsPerSecond();
    int cores = Runtime.getRuntime().availableProcessors();
    double verificationCapacity = verificationsPerCore * cores;
    log("JMH: %.0f ES384 verifications/s on one core, %d cores", verificationsPerCore, cores);

    try (TestOpenIdProvider logto = TestOpenIdProvider.start(NodePorts.claim());
        FakeDirectMail directMail =
            new FakeDirectMail()
                .addKey(MailConfigAdmin.KEY_ID, MailConfigAdmin.KEY_SECRET)
                .addSender(MailConfigAdmin.SENDER)
                .start(NodePorts.claim());
        TomcatNode node = buildNode(logto)) {
      logto.setUser(USER);
      logto.registerClient(
          ServerNode.APP_ID,
          ServerNode.APP_SECRET,
          Set.of(node.baseUrl() + "/callback"),
          Set.of(node.baseUrl() + "/"));
      writeMailConfig(node, directMail);
      node.start();
      log("%s started", node);

      NodeBrowser browser = new NodeBrowser(node, logto.endpoint());
      browser.signIn();
      if (!browser.me().path("authenticated").asBoolean()) {
        throw new IllegalStateException("the benchmark's user is not signed in");
      }
      String cookie = "Cookie: " + browser.cookieHeader();
      String me = node.baseUrl() + "/api/me";

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

      Row staticRow =
          row(
              "static",
              "GET /app" + STATIC_PATH + ", a " + staticSize() + "-byte file of the WAR",
              "req/s",
              seconds ->
                  wrk.run(node.baseUrl() + STATIC_PATH, seconds, List.of(), null, List.of()));
      rows.add(staticRow);

      Row b1 =
          row("B1", "GET /app/api/me, signed in (session cookie)", "req/s", plain(wrk, me, cookie));
      rows.add(ratio(b1, "B1 / static", staticRow.measured(), 0.80));

      rows.add(row("signed-out", "GET /app/api/me, no session", "req/s", plain(wrk, me, null)));

      Row b2 =
          row(
              "B2",
              "GET /app/api/me, Bearer, the same valid token every time",
              "req/s",
              plain(wrk, me, "Authorization: Bearer " + sameToken));
      rows.add(ratio(b2, "B2 / B1", b1.measured(), 0.90));

      Path tokensLua = script("tokens.lua");
      List<String> goodArgs =
          List.of(tokenFile.toString(), "/app/api/me", String.valueOf(settings.threads()));
      Row b2Prime =
          row(
              "B2'",
              "GET /app/api/me, Bearer, a new valid token every request",
              "req/s",
              seconds -> wrk.run(me, seconds, List.of(), tokensLua, goodArgs));
      rows.add(ratio(b2Prime, "B2' / (JMH x cores)", verificationCapacity, 0.90));

      List<String> badArgs =
          List.of(badTokenFile.toString(), "/app/api/me", String.valueOf(settings.threads()));
      long jwksBefore = logto.count("/oidc/jwks");
      long b3Started = System.nanoTime();
      Row b3 =
          row(
              "B3",
              "GET /app/api/me, Bearer, a new bad-signature token (known kid) every request",
              "req/s",
              seconds -> wrk.run(me, seconds, List.of(), tokensLua, badArgs));
      Duration b3Took = Duration.ofNanos(System.nanoTime() - b3Started);
      rows.add(ratio(b3, "B3 / (JMH x cores)", verificationCapacity, 0.90));
      long jwksFetches = logto.count("/oidc/jwks") - jwksBefore;
      long allowedFetches = 1 + b3Took.toSeconds() / JWKS_COOLDOWN.toSeconds();
      rows.add(
          new Row(
              "B3 JWKS",
              "JWKS fetches during B3 (" + b3Took.toSeconds() + " s, 30 s cooldown)",
              jwksFetches,
              "fetches",
              "",
              Double.NaN,
              "<= " + allowedFetches,
              jwksFetches <= allowedFetches,
              0,
              0,
              0,
              Double.NaN,
              0));

      Path mailLua = script("mail.lua");
      int acceptedBefore = directMail.accepted().size();
      Row b4 =
          row(
              "B4",
              "POST /app/api/mail/send to DirectMail (fake), a new address every request",
              "msg/s",
              seconds ->
                  wrk.run(
                      node.baseUrl() + "/api/mail/send",
                      seconds,
                      List.of(),
                      mailLua,
                      List.of(
                          "/app/api/mail/send",
                          ServerNode.MAIL_AUTHORIZATION,
                          "r" + (++runNumber))));
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
    }
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
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println(table());
    writeJson(cores, took);
    return List.copyOf(rows);
  }

  // ------------------------------------------------------------------ set-up

  private TomcatNode buildNode(TestOpenIdProvider logto) {
    TomcatNode.Builder builder =
        TomcatNode.builder(settings.smoke() ? "bench-smoke" : "bench")
            .logtoEndpoint(logto.endpoint())
            .skipJarScanning()
            // Limits high enough for B4's load, with the shortest windows allowed.
            .setting("MAIL_LIMIT_RECIPIENT_MAX", "1000")
            .setting("MAIL_LIMIT_RECIPIENT_WINDOW_MINUTES", "1")
            .setting("MAIL_LIMIT_IP_MAX", "100000")
            .setting("MAIL_LIMIT_IP_WINDOW_MINUTES", "1")
            .setting("MAIL_LIMIT_GLOBAL_MAX", "500000")
            .setting("MAIL_LIMIT_GLOBAL_WINDOW_MINUTES", "1");
    if (!settings.smoke()) {
      // Measured: C2 and the JVM's default collector, not the tests' small C1-only JVM.
      builder.jvmOptions(List.of("-Xms512m", "-Xmx512m"));
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
    Wrk.Run run = runFor.apply(settings.seconds());
    log(
        "%s: %.0f %s (%d requests, %d non-2xx, %d socket errors, p99 %s ms)",
        id,
        run.requestsPerSecond(),
        unit,
        run.requests(),
        run.non2xx(),
        run.socketErrors(),
        format(run.p99Millis()));
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
              String.format(Locale.ROOT, "%.0f %s", row.measured(), shortUnit(row.unit())),
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
