package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.server.ServerNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A browser for one node: keeps cookies per host and port (sending {@code Secure} ones over plain
 * HTTP to loopback, as browsers do for localhost) and never follows a redirect by itself, so each
 * hop of a sign-in is asserted. The cookie jar outlives the node's restarts, like a real browser's.
 */
public final class NodeBrowser {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;
  private final String providerEndpoint;
  private final Map<String, Map<String, String>> cookiesByHost = new ConcurrentHashMap<>();

  public NodeBrowser(ServerNode node, String providerEndpoint) {
    this(node.baseUrl(), providerEndpoint);
  }

  /** A browser of the application at {@code baseUrl}, for example behind a load balancer. */
  NodeBrowser(String baseUrl, String providerEndpoint) {
    this.baseUrl = baseUrl;
    this.providerEndpoint = providerEndpoint;
  }

  HttpResponse<String> get(String path) {
    return get(URI.create(baseUrl + path));
  }

  HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  /**
   * Sends with this browser's cookies and remembers the ones set.
   *
   * @throws IOException when the node does not answer, e.g. because it was killed meanwhile
   */
  HttpResponse<String> trySend(HttpRequest.Builder builder) throws IOException {
    URI uri = builder.build().uri();
    String cookies = cookieHeader(uri);
    if (!cookies.isEmpty()) {
      builder.header("Cookie", cookies);
    }
    builder.timeout(Duration.ofSeconds(30));
    try {
      HttpResponse<String> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      remember(uri, response);
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return trySend(builder);
    } catch (IOException e) {
      throw new IllegalStateException("request to " + baseUrl + " failed", e);
    }
  }

  /**
   * Walks a sign-in through the test provider, whose current user is signed in without a page, and
   * asserts the app took the browser back into itself.
   */
  public void signIn() {
    HttpResponse<String> start = get("/sign-in");
    assertEquals(302, start.statusCode(), "sign-in start: " + start.body());
    URI authorize = location(start);
    assertTrue(
        authorize.toString().startsWith(providerEndpoint + "/oidc/auth?"), authorize.toString());
    HttpResponse<String> provider = get(authorize);
    assertEquals(302, provider.statusCode(), "provider: " + provider.body());
    HttpResponse<String> callback = get(location(provider));
    assertEquals(302, callback.statusCode(), "callback: " + callback.body());
    assertTrue(
        location(callback).toString().startsWith(baseUrl + "/"),
        "back into the app: " + location(callback));
  }

  /** {@code GET /api/me}, which always answers 200. */
  public JsonNode me() {
    return json(get("/api/me"), 200);
  }

  boolean signedIn() {
    return me().path("authenticated").asBoolean();
  }

  static JsonNode json(HttpResponse<String> response, int expectedStatus) {
    assertEquals(expectedStatus, response.statusCode(), response.uri() + ": " + response.body());
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(response.uri() + " did not answer JSON: " + response.body(), e);
    }
  }

  static URI location(HttpResponse<?> response) {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new AssertionError("no Location header from " + response.uri()));
    return response.uri().resolve(location);
  }

  /** The {@code Cookie} header this browser sends to the application, e.g. for a load tool. */
  public String cookieHeader() {
    return cookieHeader(URI.create(baseUrl));
  }

  private void remember(URI uri, HttpResponse<String> response) {
    Map<String, String> jar =
        cookiesByHost.computeIfAbsent(hostKey(uri), h -> new ConcurrentHashMap<>());
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (header.toLowerCase().contains("max-age=0") || value.isEmpty()) {
        jar.remove(name);
      } else {
        jar.put(name, value);
      }
    }
  }

  private String cookieHeader(URI uri) {
    StringBuilder header = new StringBuilder();
    cookiesByHost
        .getOrDefault(hostKey(uri), Map.of())
        .forEach(
            (name, value) -> {
              if (header.length() > 0) {
                header.append("; ");
              }
              header.append(name).append('=').append(value);
            });
    return header.toString();
  }

  private static String hostKey(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}
