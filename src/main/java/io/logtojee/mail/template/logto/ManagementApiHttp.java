package io.logtojee.mail.template.logto;

import io.logtojee.net.CappedBody;
import io.logtojee.net.OwnedHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP calls to Logto for its templates: bounded connect and answer times, no redirects,
 * answers read only up to a limit. Failures become {@link ManagementApiException}s with the reason.
 */
final class ManagementApiHttp implements AutoCloseable {

  /** A status and a complete body. */
  record Answer(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final OwnedHttpClient http;

  ManagementApiHttp(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.http = OwnedHttpClient.open("logto-templates-http", connectTimeout);
  }

  /** GET with a Bearer token. */
  Answer get(URI uri, String accessToken, int maxBytes) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .GET()
            .build();
    return exchange(request, maxBytes, "GET " + uri.getPath());
  }

  /** POST of a form with an Authorization header. */
  Answer postForm(URI uri, String authorization, String form, int maxBytes) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    return exchange(request, maxBytes, "POST " + uri.getPath());
  }

  private Answer exchange(HttpRequest request, int maxBytes, String what) {
    CompletableFuture<HttpResponse<CappedBody>> pending =
        http.client().sendAsync(request, CappedBody.handler(maxBytes));
    HttpResponse<CappedBody> response;
    try {
      // The request timeout may stop at the headers; this wait bounds the body too.
      response = pending.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new ManagementApiException(
          ManagementApiError.TIMEOUT, what + ": no complete answer within the timeouts");
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new ManagementApiException(ManagementApiError.TIMEOUT, what + ": interrupted");
    } catch (ExecutionException e) {
      throw failure(what, e.getCause() == null ? e : e.getCause());
    }
    if (response.body().truncated()) {
      throw new ManagementApiException(
          ManagementApiError.TOO_LARGE, what + ": answer larger than " + maxBytes + " bytes");
    }
    return new Answer(response.statusCode(), response.body().bytes());
  }

  private static ManagementApiException failure(String what, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException) {
        return new ManagementApiException(
            ManagementApiError.UNREACHABLE, what + ": Logto could not be reached", cause);
      }
    }
    if (cause instanceof java.net.http.HttpTimeoutException) {
      return new ManagementApiException(
          ManagementApiError.TIMEOUT, what + ": no answer within the timeout", cause);
    }
    if (cause instanceof IOException) {
      return new ManagementApiException(
          ManagementApiError.UNREACHABLE, what + ": the connection failed: " + cause, cause);
    }
    return new ManagementApiException(
        ManagementApiError.UNEXPECTED_ANSWER, what + ": the call failed: " + cause, cause);
  }

  @Override
  public void close() {
    http.close();
  }
}
