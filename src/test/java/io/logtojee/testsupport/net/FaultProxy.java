package io.logtojee.testsupport.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of one port, which can answer with a connection reset.
 *
 * <p>The JDK's HTTP server can only close a connection (FIN). A real network fault often arrives as
 * a reset (RST) instead, and clients treat the two differently, so this proxy produces one: in
 * {@link Mode#RESET_RESPONSES} every request still reaches the server, but its answer is replaced
 * by an RST to the client. That is the worst case for a non-idempotent call such as redeeming an
 * authorization code: the server acted, the client cannot know.
 */
public final class FaultProxy implements AutoCloseable {

  /** What happens to traffic from now on, on new and already open connections alike. */
  public enum Mode {
    /** Bytes pass both ways unchanged. */
    PASS,
    /** Requests pass; the first bytes of each answer are dropped and the client gets an RST. */
    RESET_RESPONSES
  }

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger resets = new AtomicInteger();
  private volatile Mode mode = Mode.PASS;

  private FaultProxy(ServerSocket listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
  }

  /** Listens on an ephemeral loopback port and forwards to {@code targetPort} on loopback. */
  public static FaultProxy start(int targetPort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    ServerSocket listener = new ServerSocket(0, 50, loopback);
    FaultProxy proxy = new FaultProxy(listener, new InetSocketAddress(loopback, targetPort));
    proxy.threads.execute(proxy::accept);
    return proxy;
  }

  public int port() {
    return listener.getLocalPort();
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  /** How many answers were replaced by a reset so far. */
  public int resets() {
    return resets.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> connect(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void connect(Socket client) {
    Socket server = new Socket();
    open.add(client);
    open.add(server);
    try {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(target, 3_000);
      threads.execute(() -> forwardAnswers(server, client));
      copy(client.getInputStream(), server.getOutputStream());
      server.shutdownOutput();
    } catch (IOException e) {
      closeBoth(client, server);
    }
  }

  private void forwardAnswers(Socket server, Socket client) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = server.getInputStream();
      OutputStream out = client.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (mode == Mode.RESET_RESPONSES) {
          reset(client);
          break;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // One side went away; the other follows below.
    } finally {
      closeBoth(client, server);
    }
  }

  /** Closing with a zero linger time sends RST instead of FIN and discards unsent data. */
  private void reset(Socket client) throws IOException {
    client.setSoLinger(true, 0);
    // Counted before the RST leaves: a test that saw the reset must also see the count.
    resets.incrementAndGet();
    client.close();
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      out.flush();
    }
  }

  private void closeBoth(Socket client, Socket server) {
    for (Socket socket : new Socket[] {client, server}) {
      open.remove(socket);
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already gone.
      }
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
    threads.shutdownNow();
  }
}
