package io.logtojee.testsupport.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoundRobinProxyTest {

  private final List<HttpServer> nodes = new ArrayList<>();
  private RoundRobinProxy proxy;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A node that answers "node N <method> <body>", sets two cookies and redirects /go. */
  private URI node(int index) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          exchange.getResponseHeaders().add("Set-Cookie", "a=1");
          exchange.getResponseHeaders().add("Set-Cookie", "b=2");
          if (exchange.getRequestURI().getPath().equals("/go")) {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
          }
          byte[] answer =
              ("node " + index + " " + exchange.getRequestMethod() + " " + body)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    nodes.add(server);
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void stop() {
    proxy.close();
    nodes.forEach(server -> server.stop(0));
  }

  @Test
  void requestsAlternateBetweenNodesWithoutStickiness() throws Exception {
    proxy = RoundRobinProxy.start(0, List.of(node(0), node(1)));

    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(get("/x").body());
    }

    assertEquals(List.of("node 0 GET ", "node 1 GET ", "node 0 GET ", "node 1 GET "), bodies);
    assertEquals(1, proxy.lastNodeFor("/x"));
  }

  @Test
  void bodiesCookiesAndRedirectsPassUnchanged() throws Exception {
    proxy = RoundRobinProxy.start(0, List.of(node(0)));

    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/p"))
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> redirect = get("/go");

    assertEquals("node 0 POST hello", post.body());
    assertEquals(List.of("a=1", "b=2"), post.headers().allValues("Set-Cookie"));
    assertEquals(302, redirect.statusCode());
    assertEquals("/elsewhere", redirect.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void aNodeThatRefusesConnectionsIsSkipped() throws Exception {
    URI down = node(0);
    proxy = RoundRobinProxy.start(0, List.of(down, node(1)));
    nodes.get(0).stop(0);

    for (int i = 0; i < 3; i++) {
      assertEquals("node 1 GET ", get("/x").body());
    }
  }
}
