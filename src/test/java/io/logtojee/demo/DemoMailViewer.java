package io.logtojee.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logtojee.testsupport.dm.FakeDirectMail;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@link MailViewerPage} for the demo on loopback: {@code GET /} shows what the DirectMail
 * fake accepted so far. A server of its own, so the fake stays exactly the DirectMail API.
 */
final class DemoMailViewer implements AutoCloseable {
  private final FakeDirectMail directMail;
  private final HttpServer server;

  private DemoMailViewer(FakeDirectMail directMail, HttpServer server) {
    this.directMail = directMail;
    this.server = server;
  }

  /** Listens on {@code 127.0.0.1:port} (0 picks a free one). */
  static DemoMailViewer start(FakeDirectMail directMail, int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    DemoMailViewer viewer = new DemoMailViewer(directMail, server);
    server.createContext("/", viewer::handle);
    server.start();
    return viewer;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean known = exchange.getRequestURI().getPath().equals("/");
      if (!known || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(known ? 405 : 404, -1);
        return;
      }
      byte[] page = MailViewerPage.render(directMail.accepted()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange
          .getResponseHeaders()
          .set("Content-Security-Policy", MailViewerPage.CONTENT_SECURITY_POLICY);
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
