package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.TestUser;
import io.logtojee.testsupport.server.NodePorts;
import io.logtojee.testsupport.server.TomcatNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CFG-03 on a real Tomcat process: the DirectMail configuration file survives the server JVM being
 * killed with SIGKILL in the middle of admin saves, and a truncated file at start-up disables mail
 * alone, with an alarm.
 *
 * <p>Each kill trial restarts the node on the same base directory, signs an admin in, saves two
 * alternating configurations back to back through the admin API (each with the ETag of the one
 * before), and kills the JVM at a random moment after at least one save. The file must then be,
 * byte for byte, one of the two contents a save writes, and the restarted node must load it. A kill
 * leaves the file as it was at that instant (the page cache survives the process), so the test also
 * reads the file continuously during the saves: every read is what a kill at that instant would
 * have left, thousands of instants per trial instead of one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailConfigAcrossServerKillsIT {

  private static final int TRIALS = Integer.getInteger("cfg03.trials", 20);
  private static final long SEED = Long.getLong("cfg03.seed", System.nanoTime());
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private TestOpenIdProvider logto;
  private TomcatNode node;
  private int unusedDirectMailPort;

  @BeforeAll
  void startNode() throws IOException {
    logto = TestOpenIdProvider.start(NodePorts.claim());
    unusedDirectMailPort = NodePorts.claim();
    // Restarted once per trial: the start is most of a trial's time.
    node = TomcatNode.builder("cfg03").logtoEndpoint(logto.endpoint()).skipJarScanning().build();
    logto.registerClient(
        TomcatNode.APP_ID,
        TomcatNode.APP_SECRET,
        Set.of(node.baseUrl() + "/callback"),
        Set.of(node.baseUrl() + "/"));
    logto.setUser(
        new TestUser(
            "cfgadmin0001",
            "Ada Admin",
            "ada",
            "ada@example.test",
            true,
            null,
            List.of("admin"),
            List.of()));
    writeOwnerOnly(
        node.mailConfigFile(),
        MailConfigAdmin.toJsonBytes(MailConfigAdmin.config("Original", unusedDirectMailPort)));
    node.start();
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
    if (logto != null) {
      logto.close();
    }
  }

  private MailConfigAdmin signedInAdmin() {
    if (!node.isRunning()) {
      node.start();
    }
    NodeBrowser browser = new NodeBrowser(node, logto.endpoint());
    browser.signIn();
    return new MailConfigAdmin(node, browser);
  }

  private Map<String, Object> config(String label) {
    return MailConfigAdmin.config(label, unusedDirectMailPort);
  }

  /** Saves and returns exactly what the store wrote, read while nothing else writes. */
  private byte[] saveAndRead(MailConfigAdmin admin, String label) throws IOException {
    HttpResponse<String> saved = admin.trySave(config(label), admin.show().etag());
    assertEquals(200, saved.statusCode(), saved.body());
    byte[] written = Files.readAllBytes(node.mailConfigFile());
    assertEquals(MailConfigAdmin.etagOf(written), saved.headers().firstValue("ETag").orElseThrow());
    return written;
  }

  @Test
  void killMinus9DuringSavesAlwaysLeavesOneCompleteConfigThatTheRestartedNodeLoads()
      throws Exception {
    Random random = new Random(SEED);
    MailConfigAdmin warmUp = signedInAdmin();
    long warmUpStart = System.nanoTime();
    byte[] alpha = saveAndRead(warmUp, "Alpha");
    byte[] bravo = saveAndRead(warmUp, "Bravo");
    Map<String, byte[]> contents = Map.of("Alpha", alpha, "Bravo", bravo);
    long saveNanos = (System.nanoTime() - warmUpStart) / 2;
    // A kill lands anywhere in the next two save cycles after the k-th save.
    long jitterNanos = Math.max(2 * saveNanos, Duration.ofMillis(5).toNanos());

    List<Trial> trials = new ArrayList<>();
    Set<Path> leftovers = new HashSet<>(temporaryFiles());
    long started = System.nanoTime();
    for (int number = 1; number <= TRIALS; number++) {
      long trialStart = System.nanoTime();
      boolean restarted = !node.isRunning();
      MailConfigAdmin admin = signedInAdmin();
      String onDisk = labelOf(contents, Files.readAllBytes(node.mailConfigFile()));
      assertLoaded(admin, onDisk, contents.get(onDisk), restarted, number);

      Trial trial = killDuringSaves(admin, contents, onDisk, random, jitterNanos);
      List<Path> newTemporaryFiles = new ArrayList<>(temporaryFiles());
      newTemporaryFiles.removeAll(leftovers);
      for (Path temporary : newTemporaryFiles) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(temporary)),
            "a temp file left by the kill holds the secret: owner only");
      }
      leftovers.addAll(newTemporaryFiles);
      trials.add(trial.finished(!newTemporaryFiles.isEmpty(), System.nanoTime() - trialStart));
    }
    MailConfigAdmin last = signedInAdmin();
    String finalLabel = labelOf(contents, Files.readAllBytes(node.mailConfigFile()));
    assertLoaded(last, finalLabel, contents.get(finalLabel), true, TRIALS + 1);
    long elapsed = System.nanoTime() - started;

    report(trials, elapsed, saveNanos, leftovers.size());
    assertEquals(TRIALS, trials.size());
    assertTrue(trials.stream().allMatch(t -> t.savesBeforeKill() >= 1));
  }

  /** The outcome of one kill. */
  private record Trial(
      int savesBeforeKill,
      boolean saveInFlight,
      boolean inFlightSaveReachedTheFile,
      long samples,
      boolean temporaryFileLeft,
      long nanos) {

    Trial finished(boolean temporaryFileLeft, long nanos) {
      return new Trial(
          savesBeforeKill,
          saveInFlight,
          inFlightSaveReachedTheFile,
          samples,
          temporaryFileLeft,
          nanos);
    }
  }

  private Trial killDuringSaves(
      MailConfigAdmin admin,
      Map<String, byte[]> contents,
      String onDisk,
      Random random,
      long jitterNanos)
      throws Exception {
    String etag = admin.show().etag();
    int savesBeforeKill = 1 + random.nextInt(3);
    CountDownLatch enoughSaves = new CountDownLatch(savesBeforeKill);
    AtomicInteger saves = new AtomicInteger();
    AtomicReference<String> inFlight = new AtomicReference<>();
    AtomicLong inFlightSentAt = new AtomicLong();
    AtomicReference<Throwable> saverFailure = new AtomicReference<>();
    Thread saver =
        new Thread(
            () -> {
              String next = onDisk.equals("Alpha") ? "Bravo" : "Alpha";
              String ifMatch = etag;
              try {
                while (true) {
                  inFlight.set(next);
                  inFlightSentAt.set(System.nanoTime());
                  HttpResponse<String> saved = admin.trySave(config(next), ifMatch);
                  if (saved.statusCode() != 200) {
                    throw new AssertionError("save " + saved.statusCode() + ": " + saved.body());
                  }
                  ifMatch = saved.headers().firstValue("ETag").orElseThrow();
                  inFlight.set(null);
                  saves.incrementAndGet();
                  enoughSaves.countDown();
                  next = next.equals("Alpha") ? "Bravo" : "Alpha";
                }
              } catch (IOException killed) {
                // The node is gone: the end of this trial's saves.
              } catch (Throwable e) {
                saverFailure.set(e);
                enoughSaves.countDown();
              }
            },
            "cfg03-saver");
    AtomicReference<byte[]> partialSample = new AtomicReference<>();
    AtomicLong samples = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (saver.isAlive()) {
                try {
                  byte[] seen = Files.readAllBytes(node.mailConfigFile());
                  samples.incrementAndGet();
                  if (contents.values().stream().noneMatch(c -> Arrays.equals(c, seen))) {
                    partialSample.compareAndSet(null, seen);
                  }
                } catch (NoSuchFileException missing) {
                  partialSample.compareAndSet(null, new byte[0]);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                // Leaves the two cores to the node and the saver most of the time.
                LockSupport.parkNanos(100_000);
              }
            },
            "cfg03-sampler");

    saver.start();
    sampler.start();
    assertTrue(enoughSaves.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "saves did not go on");
    assertEquals(null, saverFailure.get(), "every save before the kill succeeds");
    // Not a wait for anything: the random instant at which the kill lands.
    LockSupport.parkNanos((long) (random.nextDouble() * jitterNanos));
    long killedAt = System.nanoTime();
    node.killHard();
    saver.join(DEADLINE.toMillis());
    sampler.join(DEADLINE.toMillis());
    assertFalse(saver.isAlive() || sampler.isAlive(), "the saver ends when the node dies");
    assertEquals(null, saverFailure.get(), "every save before the kill succeeds");

    byte[] after = Files.readAllBytes(node.mailConfigFile());
    String label = labelOf(contents, after);
    JsonNode parsed = NodeBrowser.JSON.readTree(after);
    assertEquals(label, parsed.path("fromAlias").asText());
    byte[] partial = partialSample.get();
    if (partial != null) {
      fail(
          "CFG-03: during the saves the file was once neither old nor new ("
              + partial.length
              + " bytes):\n"
              + new String(partial, StandardCharsets.UTF_8));
    }
    String unanswered = inFlight.get();
    boolean saveInFlight = unanswered != null && inFlightSentAt.get() < killedAt;
    return new Trial(
        saves.get(),
        saveInFlight,
        saveInFlight && unanswered.equals(label),
        samples.get(),
        false,
        0);
  }

  /** Which of the saved contents {@code bytes} is, failing on anything else. */
  private static String labelOf(Map<String, byte[]> contents, byte[] bytes) {
    return contents.entrySet().stream()
        .filter(entry -> Arrays.equals(entry.getValue(), bytes))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "CFG-03: the file is none of the contents a save wrote ("
                        + bytes.length
                        + " bytes):\n"
                        + new String(bytes, StandardCharsets.UTF_8)));
  }

  /**
   * The node serves the file on disk: same ETag, same sender name, mail active; and if it was just
   * restarted, it says in its log that it loaded the file rather than disabling mail.
   */
  private void assertLoaded(
      MailConfigAdmin admin, String label, byte[] stored, boolean restarted, int trial) {
    MailConfigAdmin.Shown shown = admin.show();
    assertEquals(200, shown.status(), shown.body().toString());
    assertEquals(
        MailConfigAdmin.etagOf(stored), shown.etag(), "trial " + trial + ": the file on disk");
    assertTrue(shown.body().path("active").asBoolean(), shown.body().toString());
    assertEquals(label, shown.body().path("config").path("fromAlias").asText());
    if (restarted) {
      String mailLines =
          node.logTextOfThisRun()
              .lines()
              .filter(line -> line.contains("mail"))
              .collect(Collectors.joining("\n"));
      assertTrue(
          mailLines.contains("mail configuration loaded from"),
          "trial " + trial + ":\n" + mailLines);
      assertFalse(mailLines.contains("mail disabled"), "trial " + trial + ":\n" + mailLines);
    }
  }

  private List<Path> temporaryFiles() throws IOException {
    Path file = node.mailConfigFile();
    String prefix = "." + file.getFileName() + ".";
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      return siblings
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".tmp"))
          .toList();
    }
  }

  private static void report(List<Trial> trials, long elapsed, long saveNanos, int leftovers) {
    long inFlight = trials.stream().filter(Trial::saveInFlight).count();
    long reachedFile = trials.stream().filter(Trial::inFlightSaveReachedTheFile).count();
    long insideWrite = trials.stream().filter(Trial::temporaryFileLeft).count();
    long samples = trials.stream().mapToLong(Trial::samples).sum();
    int saves = trials.stream().mapToInt(Trial::savesBeforeKill).sum();
    System.out.printf(
        "CFG-03 (node): %d kill -9 trials (seed %d) in %.1f s, %.2f s per trial (restart, admin"
            + " sign-in, saves, kill); a save took %.1f ms before the kills%n",
        trials.size(), SEED, elapsed / 1e9, elapsed / 1e9 / trials.size(), saveNanos / 1e6);
    System.out.printf(
        "CFG-03 (node): %d saves answered before the kills; %d kills landed with a save in flight"
            + " (%d of those saves had already replaced the file, %d had not); %d kills landed"
            + " inside the file write (its temp file was left behind, %d in all); %d reads of the"
            + " file during the saves, none partial; the file was whole after every kill%n",
        saves, inFlight, reachedFile, inFlight - reachedFile, insideWrite, leftovers, samples);
  }

  @Test
  void aTruncatedConfigAtStartupDisablesMailAloneWithAnAlarmUntilAnAdminSavesAGoodOne()
      throws Exception {
    if (node.isRunning()) {
      node.stopCleanly();
    }
    byte[] whole = MailConfigAdmin.toJsonBytes(config("Whole"));
    writeOwnerOnly(node.mailConfigFile(), Arrays.copyOf(whole, whole.length / 2));

    MailConfigAdmin admin = signedInAdmin();

    JsonNode health = NodeBrowser.json(new NodeBrowser(node, "").get("/api/health"), 200);
    assertEquals("down", health.path("mail").path("status").asText(), health.toString());
    assertEquals("up", health.path("logto").path("status").asText(), "the rest of the app runs");
    assertEquals("degraded", health.path("status").asText());
    String run = node.logTextOfThisRun();
    assertTrue(
        run.lines()
            .anyMatch(
                line ->
                    line.contains("SEVERE")
                        && line.contains("mail disabled: configuration file")
                        && line.contains("violation")),
        "CFG-03: the alarm in the log:\n" + run);
    assertTrue(run.contains("is the file truncated?"), "the violation says why:\n" + run);
    MailConfigAdmin.Shown shown = admin.show();
    assertEquals(200, shown.status());
    assertFalse(shown.body().path("active").asBoolean(), shown.body().toString());
    assertEquals("mail configuration is invalid", shown.body().path("problem").asText());
    assertTrue(shown.body().path("violations").has("json"), shown.body().toString());
    assertFalse(shown.body().has("config"), "nothing of the truncated file is shown as current");
    assertNotNull(shown.etag());

    HttpResponse<String> fixed = admin.trySave(config("Fixed"), shown.etag());

    assertEquals(200, fixed.statusCode(), fixed.body());
    JsonNode healthAfter = NodeBrowser.json(new NodeBrowser(node, "").get("/api/health"), 200);
    assertEquals("up", healthAfter.path("mail").path("status").asText(), healthAfter.toString());
    assertEquals(
        "Fixed",
        NodeBrowser.JSON
            .readTree(Files.readAllBytes(node.mailConfigFile()))
            .path("fromAlias")
            .asText());
  }

  private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
