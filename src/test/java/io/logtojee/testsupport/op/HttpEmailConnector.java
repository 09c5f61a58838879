package io.logtojee.testsupport.op;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The wire behaviour of Logto's HTTP email connector ({@code @logto/connector-http-email} 0.4.3 on
 * got 14, {@code logto.md} section 3.2), rebuilt on the JDK client so the project's sender sees the
 * request Logto would send. The JDK's own redirect handling differs from got (it turns a POST into
 * a GET on 301 and 302, and keeps {@code Authorization} across hosts), so redirects are followed
 * here by hand with got's rules:
 *
 * <ul>
 *   <li>300, 301, 302, 303, 304, 307 and 308 with a {@code Location} are followed, at most 10
 *       times; only 303 turns the POST into a bodiless GET ({@code methodRewriting} is off);
 *   <li>{@code authorization} is dropped when the host name or the port changes;
 *   <li>success is 2xx (or 304), anything else is got's {@code HTTPError}.
 * </ul>
 *
 * <p>got has no timeout and never retries a POST; this class does not retry either but gives up
 * after 30 s per exchange, so a test cannot hang forever.
 */
final class HttpEmailConnector {
  static final String USER_AGENT = "got (https://github.com/sindresorhus/got)";

  /** got's {@code decompress} default on a Node.js with brotli. */
  static final String ACCEPT_ENCODING = "gzip, deflate, br";

  static final int MAX_REDIRECTS = 10;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Set<Integer> REDIRECT_CODES = Set.of(300, 301, 302, 303, 304, 307, 308);

  /**
   * The outcome of one send.
   *
   * @param status status of the last answer, 0 when none came
   * @param body body of the last answer as text (empty when none)
   * @param elapsedNanos time from the first request to the end of the last answer
   * @param failure why no usable answer came (connection failure, timeout, too many redirects),
   *     null when an answer came
   */
  record Delivery(int status, String body, long elapsedNanos, String failure) {
    /** got's {@code isResponseOk} with redirects followed. */
    boolean ok() {
      return failure == null && ((status >= 200 && status <= 299) || status == 304);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(TIMEOUT)
          .build();

  /**
   * POSTs a JSON body to the endpoint as the connector does.
   *
   * @param authorization the configured {@code Authorization} value, or null to send none
   */
  Delivery send(URI endpoint, String authorization, byte[] json) {
    long start = System.nanoTime();
    URI url = endpoint;
    String method = "POST";
    byte[] body = json;
    String auth = authorization;
    int redirects = 0;
    try {
      while (true) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("user-agent", USER_AGENT)
                .header("content-type", "application/json")
                .header("accept-encoding", ACCEPT_ENCODING);
        if (auth != null) {
          request.header("authorization", auth);
        }
        request.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response =
            client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        Optional<String> location = response.headers().firstValue("location");
        if (!REDIRECT_CODES.contains(status) || location.isEmpty()) {
          return new Delivery(status, text(response), System.nanoTime() - start, null);
        }
        if (redirects >= MAX_REDIRECTS) {
          return failed(start, "Redirected " + MAX_REDIRECTS + " times. Aborting.");
        }
        if (status == 303 && !"GET".equals(method) && !"HEAD".equals(method)) {
          method = "GET";
          body = null;
        }
        URI next = url.resolve(location.get());
        if (!sameSite(url, next)) {
          auth = null;
        }
        url = next;
        redirects++;
      }
    } catch (IOException | IllegalArgumentException e) {
      return failed(start, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(start, e.toString());
    }
  }

  private static Delivery failed(long start, String why) {
    return new Delivery(0, "", System.nanoTime() - start, why);
  }

  /** got compares host name and port only; a default port counts as no port. */
  private static boolean sameSite(URI from, URI to) {
    return from.getHost() != null
        && from.getHost().equalsIgnoreCase(to.getHost())
        && port(from).equals(port(to));
  }

  private static String port(URI uri) {
    int port = uri.getPort();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean isDefault =
        port == -1
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    return isDefault ? "" : Integer.toString(port);
  }

  /** The body as text, decompressed like got does for gzip and deflate. */
  private static String text(HttpResponse<byte[]> response) throws IOException {
    byte[] bytes = response.body();
    String encoding =
        response
            .headers()
            .firstValue("content-encoding")
            .orElse("")
            .trim()
            .toLowerCase(Locale.ROOT);
    if (bytes.length > 0 && ("gzip".equals(encoding) || "deflate".equals(encoding))) {
      try (InputStream in =
          "gzip".equals(encoding)
              ? new GZIPInputStream(new ByteArrayInputStream(bytes))
              : new InflaterInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
