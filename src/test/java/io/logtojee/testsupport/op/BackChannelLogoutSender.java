package io.logtojee.testsupport.op;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Delivers a logout token to a relying party's back-channel logout URI the way Logto does: a form
 * POST of {@code logout_token}, redirects not followed. The timeouts are short so that a relying
 * party that is down cannot hold up a logout or a test for long.
 */
final class BackChannelLogoutSender {
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * POSTs {@code logout_token} as a form; returns the status.
   *
   * @throws UncheckedIOException when the call fails
   */
  int send(String uri, String logoutToken) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + OpHttp.encode(logoutToken)))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
