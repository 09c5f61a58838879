package io.logtojee.testsupport.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} as a child process on a free loopback port: started in the
 * constructor, ready once it answers PING, stoppable and restartable on the same port to play an
 * outage, and killed by {@link #close()} (and by a shutdown hook should a test forget).
 *
 * <p>By default nothing is persisted ({@code --save "" --appendonly no}); {@link #persistent} keeps
 * an append-only file, fsynced on every write, so that data survives a restart as it does in a
 * production Redis.
 */
public final class RedisServer implements AutoCloseable {
  private static final String EXECUTABLE = "/usr/bin/redis-server";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final int port;
  private final String password;
  private final Path dataDirectory;
  private final TestCertificate tls;
  private final Thread killer = new Thread(this::kill, "redis-server killer");
  private Process process;
  private boolean paused;

  private RedisServer(String password, Path dataDirectory, TestCertificate tls) {
    this.port = freePort();
    this.password = password;
    this.dataDirectory = dataDirectory;
    this.tls = tls;
    Runtime.getRuntime().addShutdownHook(killer);
    start();
  }

  /** A server without password or persistence. */
  public static RedisServer plain() {
    return new RedisServer(null, null, null);
  }

  /** A server that requires {@code password} ({@code --requirepass}). */
  public static RedisServer withPassword(String password) {
    return new RedisServer(password, null, null);
  }

  /** A server that keeps its data in {@code directory}, across {@link #restart()}. */
  public static RedisServer persistent(Path directory) {
    return new RedisServer(null, directory, null);
  }

  /** A server that speaks TLS only, with {@code certificate}, and wants no client certificate. */
  public static RedisServer withTls(TestCertificate certificate) {
    return new RedisServer(null, null, certificate);
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>} ({@code rediss://localhost:<port>} with TLS). */
  public URI uri() {
    return tls == null
        ? URI.create("redis://127.0.0.1:" + port)
        : URI.create("rediss://localhost:" + port);
  }

  /** Starts the server (again, on the same port) and returns once it answers PING. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(EXECUTABLE);
    if (tls == null) {
      command.addAll(List.of("--port", Integer.toString(port)));
    } else {
      command.addAll(
          List.of(
              "--port", "0",
              "--tls-port", Integer.toString(port),
              "--tls-cert-file", tls.certificateFile().toString(),
              "--tls-key-file", tls.keyFile().toString(),
              "--tls-ca-cert-file", tls.certificateFile().toString(),
              "--tls-auth-clients", "no"));
    }
    command.addAll(List.of("--bind", "127.0.0.1"));
    command.addAll(List.of("--save", ""));
    if (dataDirectory == null) {
      command.addAll(List.of("--appendonly", "no"));
    } else {
      command.addAll(
          List.of(
              "--appendonly", "yes", "--appendfsync", "always", "--dir", dataDirectory.toString()));
    }
    if (password != null) {
      command.addAll(List.of("--requirepass", password));
    }
    try {
      Path log = Files.createTempFile("redis-server-" + port + "-", ".log");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + EXECUTABLE, e);
    }
    paused = false;
    awaitPong();
  }

  /** Stops the server as an operator would (SIGTERM) and returns once its port is closed. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    resume();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    process = null;
  }

  /** Stops and starts the server on the same port. */
  public void restart() {
    stop();
    start();
  }

  /**
   * Freezes the process (SIGSTOP): connections stay open but nothing answers, as with a hung server
   * or a network that drops packets.
   */
  public synchronized void pause() {
    signal("STOP");
    paused = true;
  }

  /** Lets a {@link #pause() paused} server run again (SIGCONT). */
  public synchronized void resume() {
    if (paused) {
      signal("CONT");
      paused = false;
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls the port until the server answers PING (+PONG, or -NOAUTH when it wants a password). */
  private void awaitPong() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue());
      }
      if (answersPing()) {
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    kill();
    throw new IllegalStateException("redis-server did not answer PING on port " + port);
  }

  private boolean answersPing() {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      plain.setSoTimeout(500);
      Socket socket =
          tls == null
              ? plain
              : tls.trustingSocketFactory().createSocket(plain, "localhost", port, true);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = new byte[64];
      int read = in.read(answer);
      String text = read <= 0 ? "" : new String(answer, 0, read, StandardCharsets.US_ASCII);
      return text.startsWith("+PONG") || text.startsWith("-NOAUTH");
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
