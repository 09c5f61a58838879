package io.logtojee.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code wrk} load tool and reads the figures from its report. */
final class Wrk {

  /** What one wrk run measured. */
  record Run(
      double requestsPerSecond, long requests, long non2xx, long socketErrors, double p99Millis) {}

  private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in ");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile(
          "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");
  private static final Pattern P99 = Pattern.compile("\\n\\s+99%\\s+([0-9.]+)(us|ms|s|m)\\b");

  private final Path executable;
  private final int threads;
  private final int connections;

  private Wrk(Path executable, int threads, int connections) {
    this.executable = executable;
    this.threads = threads;
    this.connections = connections;
  }

  /**
   * The wrk on the {@code PATH}.
   *
   * @throws IllegalStateException with the install command when there is none
   */
  static Wrk onPath(int threads, int connections) {
    return find()
        .map(path -> new Wrk(path, threads, connections))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the benchmark needs the load tool wrk, which is not on the PATH: install it"
                        + " with `apt-get install wrk` (Debian/Ubuntu)"));
  }

  static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Paths.get(directory, "wrk");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  int threads() {
    return threads;
  }

  int connections() {
    return connections;
  }

  /**
   * One run of {@code seconds} against {@code url}.
   *
   * @param headers header lines for every request, e.g. {@code Cookie: JSESSIONID=...}
   * @param script a Lua script that makes the requests, or null
   * @param scriptArgs the script's {@code init(args)}
   */
  Run run(String url, int seconds, List<String> headers, Path script, List<String> scriptArgs) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("-t" + threads);
    command.add("-c" + connections);
    command.add("-d" + seconds + "s");
    command.add("--timeout");
    command.add("10s");
    command.add("--latency");
    for (String header : headers) {
      command.add("-H");
      command.add(header);
    }
    if (script != null) {
      command.add("-s");
      command.add(script.toString());
    }
    command.add(url);
    if (script != null && !scriptArgs.isEmpty()) {
      command.add("--");
      command.addAll(scriptArgs);
    }
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("wrk exited with " + exit + ":\n" + output);
      }
      return parse(output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Run parse(String output) {
    Matcher errors = SOCKET_ERRORS.matcher(output);
    long socketErrors = 0;
    if (errors.find()) {
      for (int group = 1; group <= 4; group++) {
        socketErrors += Long.parseLong(errors.group(group));
      }
    }
    Matcher p99 = P99.matcher(output);
    double p99Millis = Double.NaN;
    if (p99.find()) {
      double value = Double.parseDouble(p99.group(1));
      p99Millis =
          switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
          };
    }
    return new Run(
        Double.parseDouble(required(REQUESTS_PER_SECOND, output)),
        Long.parseLong(required(REQUESTS, output)),
        optional(NON_2XX, output),
        socketErrors,
        p99Millis);
  }

  private static String required(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + pattern + " in the wrk report:\n" + output);
    }
    return matcher.group(1);
  }

  private static long optional(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }
}
