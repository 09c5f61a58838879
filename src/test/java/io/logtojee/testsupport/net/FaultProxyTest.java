package io.logtojee.testsupport.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

  private HttpServer server;
  private FaultProxy proxy;
  private final AtomicInteger received = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body = "answer".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    proxy = FaultProxy.start(server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    proxy.close();
    server.stop(0);
  }

  private HttpResponse<String> post() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/token"))
            .POST(HttpRequest.BodyPublishers.ofString("code=abc"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void passesRequestsAndAnswersOnOneConnection() throws Exception {
    assertEquals("answer", post().body());
    assertEquals("answer", post().body());
    assertEquals(2, received.get());
    assertEquals(0, proxy.resets());
  }

  @Test
  void resetDeliversTheRequestButAnswersWithAConnectionReset() throws Exception {
    assertEquals("answer", post().body());
    proxy.setMode(FaultProxy.Mode.RESET_RESPONSES);

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      socket
          .getOutputStream()
          .write(
              ("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 8\r\n\r\ncode=abc")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      // A FIN would read as the end of the stream (-1); only an RST makes the read throw.
      SocketException reset = assertThrows(SocketException.class, in::read);
      assertTrue(reset.getMessage().contains("reset"), reset.toString());
    }
    assertEquals(2, received.get(), "the server got the request");
    assertEquals(1, proxy.resets());

    proxy.setMode(FaultProxy.Mode.PASS);
    assertEquals("answer", post().body());
  }
}
