package io.logtojee.testsupport.op;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The little HTTP plumbing the provider needs on top of the JDK server: parsing query and form
 * parameters, and a response value that endpoint code can return instead of writing to the
 * exchange, which keeps the endpoints testable and the fault injection in one place.
 */
final class OpHttp {
  private static final int MAX_BODY = 1 << 20;

  private OpHttp() {}

  /**
   * A parsed request. Header names are lower case; {@code remoteAddress} is the peer's IP address,
   * which Logto passes on to the email connector as the end user's {@code ip}.
   */
  record Req(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> form,
      Map<String, List<String>> headers,
      String body,
      String remoteAddress) {

    static Req read(HttpExchange exchange) throws IOException {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readNBytes(MAX_BODY);
      }
      String body = new String(bytes, StandardCharsets.UTF_8);
      String contentType = first(headers, "content-type");
      Map<String, List<String>> form = Map.of();
      if (contentType != null) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
          form = parseParams(body);
        } else if (type.startsWith("application/json") && !body.isBlank()) {
          // Logto re-parses JSON token requests as form parameters.
          form = jsonParams(body);
        }
      }
      return new Req(
          exchange.getRequestMethod().toUpperCase(Locale.ROOT),
          exchange.getRequestURI().getPath() == null ? "/" : exchange.getRequestURI().getPath(),
          parseParams(exchange.getRequestURI().getRawQuery()),
          form,
          headers,
          body,
          exchange.getRemoteAddress().getAddress().getHostAddress());
    }

    String queryParam(String name) {
      return first(query, name);
    }

    String formParam(String name) {
      return first(form, name);
    }

    /** A parameter from the body of a POST, else from the query. */
    String param(String name) {
      return "POST".equals(method) ? formParam(name) : queryParam(name);
    }

    /** All values of a parameter from the body of a POST, else from the query. */
    List<String> params(String name) {
      List<String> values = ("POST".equals(method) ? form : query).get(name);
      return values == null ? List.of() : values;
    }

    String header(String name) {
      return first(headers, name.toLowerCase(Locale.ROOT));
    }

    /** The value of a cookie sent with the request, or null. */
    String cookie(String name) {
      List<String> values = headers.get("cookie");
      if (values == null) {
        return null;
      }
      for (String header : values) {
        for (String pair : header.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
            return pair.substring(eq + 1).trim();
          }
        }
      }
      return null;
    }
  }

  /** A response to write; {@link #RESET} means: close the connection without answering. */
  record Resp(int status, Map<String, String> headers, byte[] body) {
    static final Resp RESET = new Resp(-1, Map.of(), new byte[0]);

    static Resp json(int status, Object document) {
      return new Resp(
          status,
          Map.of("Content-Type", "application/json; charset=utf-8"),
          Json.write(document).getBytes(StandardCharsets.UTF_8));
    }

    static Resp text(int status, String text) {
      return new Resp(
          status,
          Map.of("Content-Type", "text/plain; charset=utf-8"),
          text.getBytes(StandardCharsets.UTF_8));
    }

    static Resp html(int status, String html) {
      return new Resp(
          status,
          Map.of("Content-Type", "text/html; charset=utf-8"),
          html.getBytes(StandardCharsets.UTF_8));
    }

    static Resp redirect(String location) {
      return new Resp(302, Map.of("Location", location), new byte[0]);
    }

    /** An OAuth error body, {@code {"error": ..., "error_description": ...}}. */
    static Resp oauthError(int status, String error, String description) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", error);
      body.put("error_description", description);
      return json(status, body);
    }

    Resp withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Resp(status, copy, body);
    }

    void write(HttpExchange exchange) throws IOException {
      headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      if (body.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  static Map<String, List<String>> parseParams(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    params.replaceAll((k, v) -> List.copyOf(v));
    return params;
  }

  private static Map<String, List<String>> jsonParams(String body) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    try {
      Json.readObject(body)
          .forEach(
              (name, value) -> {
                if (value instanceof List<?> list) {
                  params.put(name, list.stream().map(String::valueOf).toList());
                } else if (value != null) {
                  params.put(name, List.of(String.valueOf(value)));
                }
              });
    } catch (IllegalArgumentException e) {
      // Not JSON after all: no parameters, as a form parser would find none either.
    }
    return params;
  }

  static String first(Map<String, List<String>> map, String name) {
    List<String> values = map.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Appends query parameters (null values skipped) to a URI that may already have a query. */
  static String appendQuery(String uri, Map<String, String> params) {
    StringBuilder out = new StringBuilder(uri);
    char separator = uri.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (param.getValue() == null) {
        continue;
      }
      out.append(separator).append(encode(param.getKey())).append('=');
      out.append(encode(param.getValue()));
      separator = '&';
    }
    return out.toString();
  }
}
