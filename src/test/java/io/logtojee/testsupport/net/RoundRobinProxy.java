package io.logtojee.testsupport.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer for tests: an HTTP proxy on loopback that sends each request to the next node in
 * turn, with no stickiness at all, so two requests of one browser session land on different nodes.
 * Like a balancer with health checks, it tries the next node when a node refuses the connection (a
 * killed node); a request that a node accepted and then lost is answered 502.
 */
public final class RoundRobinProxy implements AutoCloseable {

  /** Which node answered a request, for tests that kill "the node that served the callback". */
  public record Served(String method, String path, int node, int status) {}

  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "keep-alive",
          "transfer-encoding",
          "upgrade",
          "te",
          "trailer",
          "proxy-connection");

  private final List<URI> nodes;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final AtomicInteger next = new AtomicInteger();
  private final List<Served> served = new CopyOnWriteArrayList<>();

  private RoundRobinProxy(int port, List<URI> nodes) throws IOException {
    this.nodes = List.copyOf(nodes);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/", this::forward);
    server.setExecutor(threads);
    server.start();
  }

  /**
   * Starts the proxy.
   *
   * @param port the port to listen on, or 0 for any free one
   * @param nodes each node's root, such as {@code http://127.0.0.1:28510}; the request path is
   *     appended unchanged
   */
  public static RoundRobinProxy start(int port, List<URI> nodes) throws IOException {
    return new RoundRobinProxy(port, nodes);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request so far with the node that answered it, oldest first. */
  public List<Served> served() {
    return List.copyOf(served);
  }

  /** The node that answered the newest request whose path starts with {@code pathPrefix}. */
  public int lastNodeFor(String pathPrefix) {
    List<Served> all = served();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).path().startsWith(pathPrefix)) {
        return all.get(i).node();
      }
    }
    throw new IllegalStateException("no request to " + pathPrefix + " went through the proxy");
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String pathAndQuery = exchange.getRequestURI().toString();
      int first = Math.floorMod(next.getAndIncrement(), nodes.size());
      for (int attempt = 0; attempt < nodes.size(); attempt++) {
        int node = (first + attempt) % nodes.size();
        try {
          HttpResponse<byte[]> answer =
              client.send(
                  request(exchange, node, pathAndQuery, body),
                  HttpResponse.BodyHandlers.ofByteArray());
          served.add(
              new Served(exchange.getRequestMethod(), pathAndQuery, node, answer.statusCode()));
          reply(exchange, answer);
          return;
        } catch (ConnectException refused) {
          // This node is down: a balancer's health check would have taken it out; try the next.
        } catch (IOException lost) {
          // Accepted, then lost or too slow: the request may have had an effect, so no retry.
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      exchange.sendResponseHeaders(502, -1);
    }
  }

  private HttpRequest request(HttpExchange exchange, int node, String pathAndQuery, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(nodes.get(node) + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
    return request.build();
  }

  private static void reply(HttpExchange exchange, HttpResponse<byte[]> answer) throws IOException {
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                  && !name.equals(":status")) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
              }
            });
    byte[] body = answer.body();
    exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
