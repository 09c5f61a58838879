package io.logtojee.mail.aliyun;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.net.CappedBody;
import io.logtojee.net.OwnedHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * One HTTP exchange with DirectMail over {@code java.net.http}: POST a signed form, wait at most
 * the given time, read at most a capped answer, and say whether the mail may have left.
 *
 * <p>It owns the {@link HttpClient} and its threads, so the web application can release them on
 * stop. Redirects are never followed. A failure to connect is retriable, because nothing was sent;
 * a timeout or a connection lost once the request went out is {@link
 * MailErrorCode#OUTCOME_UNKNOWN}, because DirectMail may already have accepted the mail.
 */
final class DirectMailExchange implements AutoCloseable {
  // Keeps the client's logger name, so existing logging configuration still applies.
  private static final Logger LOG = Logger.getLogger(DirectMailClient.class.getName());

  private final int maxResponseBytes;
  private final OwnedHttpClient http;

  DirectMailExchange(Duration connectTimeout, int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
    this.http = OwnedHttpClient.open("directmail-http", connectTimeout);
  }

  /** Posts {@code form} to {@code endpoint} and judges the answer, or its absence. */
  DirectMailAttempt post(URI endpoint, DirectMailRequestBuilder.SignedForm form, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form.body(), StandardCharsets.UTF_8))
            .build();

    CompletableFuture<HttpResponse<CappedBody>> future =
        http.client().sendAsync(request, CappedBody.handler(maxResponseBytes));
    try {
      // The request timeout may stop at the response headers; this wait bounds the body too.
      HttpResponse<CappedBody> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return DirectMailResponseInterpreter.interpret(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      return unknownOutcome("DirectMail did not answer in time", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return unknownOutcome("the send was interrupted", e);
    } catch (ExecutionException e) {
      return failure(e.getCause() == null ? e : e.getCause());
    }
  }

  /** Releases the HTTP client's threads. */
  @Override
  public void close() {
    http.close();
  }

  private static DirectMailAttempt failure(Throwable cause) {
    if (isConnectFailure(cause)) {
      return new DirectMailAttempt.Failed(
          new MailException(
              MailErrorCode.PROVIDER_UNAVAILABLE, "DirectMail could not be reached.", cause),
          true,
          false);
    }
    if (cause instanceof SSLException) {
      // The TLS handshake comes before the request, so nothing was sent; retrying won't fix a
      // certificate problem.
      return new DirectMailAttempt.Failed(
          new MailException(
              MailErrorCode.PROVIDER_UNAVAILABLE,
              "The TLS connection to DirectMail failed.",
              cause),
          false,
          false);
    }
    if (cause instanceof HttpTimeoutException) {
      return unknownOutcome("DirectMail did not answer in time", cause);
    }
    if (cause instanceof IOException) {
      return unknownOutcome("the connection to DirectMail broke before an answer", cause);
    }
    return unknownOutcome("the call to DirectMail failed unexpectedly", cause);
  }

  private static boolean isConnectFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static DirectMailAttempt.Failed unknownOutcome(String why, Throwable cause) {
    return new DirectMailAttempt.Failed(
        new MailException(
            MailErrorCode.OUTCOME_UNKNOWN,
            "The mail may or may not have been sent: " + why + ".",
            cause),
        false,
        false);
  }
}
