package io.logtojee.mail.template.logto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The machine-to-machine app's access token for the Management API (client credentials, HTTP
 * Basic), kept until shortly before it expires so that each refresh of the templates does not cost
 * a token request. Only the refresh thread uses it.
 */
final class ManagementApiToken {
  /** A token answer is a few hundred bytes to a few kilobytes (a JWT). */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  /** At most this long before {@code expires_in} a new token is asked for. */
  static final Duration EARLY_RENEWAL = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ManagementApiHttp http;
  private final LogtoTemplateOptions options;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  ManagementApiToken(ManagementApiHttp http, LogtoTemplateOptions options, Clock clock) {
    this.http = http;
    this.options = options;
    this.clock = clock;
  }

  /** The cached token, or a new one when there is none or it is about to expire. */
  synchronized String get() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  /** Whether {@link #get()} would answer without a request. */
  synchronized boolean isCached() {
    return token != null && clock.instant().isBefore(renewAt);
  }

  /** Forgets the token, e.g. after the API refused it. */
  synchronized void invalidate() {
    token = null;
  }

  private void fetch() {
    String form =
        "grant_type=client_credentials&resource="
            + encode(options.resource())
            + "&scope="
            + encode(LogtoTemplateOptions.MANAGEMENT_API_SCOPE);
    // RFC 6749 2.3.1: id and secret are form-encoded before they are joined.
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (encode(options.appId()) + ":" + encode(options.appSecret()))
                        .getBytes(StandardCharsets.UTF_8));
    Instant asked = clock.instant();
    ManagementApiHttp.Answer answer =
        http.postForm(options.tokenEndpoint(), basic, form, MAX_ANSWER_BYTES);
    JsonNode body = parse(answer);
    if (answer.status() >= 500) {
      throw new ManagementApiException(
          ManagementApiError.SERVER_ERROR, "token request: Logto answered " + answer.status());
    }
    if (answer.status() != 200) {
      // The OAuth error name (invalid_client, invalid_target, invalid_scope) says what to fix.
      String error =
          body != null && body.path("error").isTextual() ? body.get("error").asText() : "";
      throw new ManagementApiException(
          ManagementApiError.TOKEN_REFUSED,
          "token request: Logto answered " + answer.status() + " " + safe(error));
    }
    if (body == null
        || !body.path("access_token").isTextual()
        || body.get("access_token").asText().isEmpty()
        || !body.path("expires_in").canConvertToLong()) {
      throw new ManagementApiException(
          ManagementApiError.UNEXPECTED_ANSWER, "token request: no access_token or expires_in");
    }
    long expiresIn = Math.max(0, body.get("expires_in").asLong());
    Duration lifetime = Duration.ofSeconds(expiresIn);
    // Renew a minute early, or halfway for short-lived tokens, so a refresh never sends a token
    // that expires on the way.
    Duration early =
        lifetime.dividedBy(2).compareTo(EARLY_RENEWAL) < 0 ? lifetime.dividedBy(2) : EARLY_RENEWAL;
    token = body.get("access_token").asText();
    renewAt = asked.plus(lifetime).minus(early);
  }

  private static JsonNode parse(ManagementApiHttp.Answer answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      if (answer.status() == 200) {
        throw new ManagementApiException(
            ManagementApiError.UNEXPECTED_ANSWER, "token request: the answer is not JSON");
      }
      return null;
    }
  }

  /** An error name as Logto sends it; anything else is not echoed into the log. */
  private static String safe(String error) {
    return error.matches("[a-z_]{1,64}") ? error : "";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
