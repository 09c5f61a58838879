package io.logtojee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cookie-keeping HTTP client that never follows redirects by itself, so tests can assert every
 * hop. It keeps cookies per host and sends {@code Secure} cookies over plain HTTP to loopback
 * hosts, as browsers do for localhost.
 */
final class CookieClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, String>> cookiesByHost = new ConcurrentHashMap<>();

  HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET(), uri);
  }

  HttpResponse<String> get(URI uri, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET();
    headers.forEach(builder::header);
    return send(builder, uri);
  }

  HttpResponse<String> postForm(URI uri, String form) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)),
        uri);
  }

  HttpResponse<String> send(HttpRequest.Builder builder, URI uri) {
    String cookies = cookieHeader(uri.getHost() + ":" + uri.getPort());
    if (!cookies.isEmpty()) {
      builder.header("Cookie", cookies);
    }
    builder.timeout(Duration.ofSeconds(30));
    try {
      HttpResponse<String> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      remember(uri, response);
      return response;
    } catch (IOException e) {
      throw new IllegalStateException("Request to " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The application's {@code GET /api/me} answer for this client's cookies; it is always 200. */
  JsonNode me() {
    HttpResponse<String> response = get(Servers.app("/api/me"));
    assertEquals(200, response.statusCode(), response.body());
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("/api/me did not answer JSON: " + response.body(), e);
    }
  }

  /** Whether {@link #me()} says someone is signed in. */
  boolean signedIn() {
    return me().path("authenticated").asBoolean();
  }

  static URI location(HttpResponse<?> response) {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new AssertionError("No Location header"));
    return response.uri().resolve(location);
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      parameters.put(name, value);
    }
    return parameters;
  }

  String cookie(String host, String name) {
    return cookiesByHost.getOrDefault(host, Map.of()).get(name);
  }

  void setCookie(String host, String name, String value) {
    cookiesByHost.computeIfAbsent(host, h -> new ConcurrentHashMap<>()).put(name, value);
  }

  private void remember(URI uri, HttpResponse<String> response) {
    String host = uri.getHost() + ":" + uri.getPort();
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      Map<String, String> jar = cookiesByHost.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
      boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
      if (expired) {
        jar.remove(name);
      } else {
        jar.put(name, value);
      }
    }
  }

  private String cookieHeader(String host) {
    StringBuilder header = new StringBuilder();
    cookiesByHost
        .getOrDefault(host, Map.of())
        .forEach(
            (name, value) -> {
              if (header.length() > 0) {
                header.append("; ");
              }
              header.append(name).append('=').append(value);
            });
    return header.toString();
  }
}
