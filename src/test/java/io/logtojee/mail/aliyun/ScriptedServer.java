package io.logtojee.mail.aliyun;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server that answers every request the same way and counts them, for answers the DirectMail fake
 * never gives: redirects, non-JSON pages, oversized bodies.
 */
final class ScriptedServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<String> lastRequest = new AtomicReference<>();

  ScriptedServer(int status, String body, Map<String, String> headers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            calls.incrementAndGet();
            byte[] received = exchange.getRequestBody().readAllBytes();
            lastRequest.set(
                exchange.getRequestMethod()
                    + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type")
                    + "\n"
                    + new String(received, StandardCharsets.UTF_8));
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
              } catch (IOException e) {
                // the client may stop reading once it has enough
              }
            }
          }
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  DirectMailTarget target() {
    return new DirectMailTarget(
        uri(), "cn-hangzhou", DirectMailTestBed.KEY_ID, DirectMailTestBed.SECRET);
  }

  int calls() {
    return calls.get();
  }

  /** The last request's method and Content-Type, a line break, then its body; null before one. */
  String lastRequest() {
    return lastRequest.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
