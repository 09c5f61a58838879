package io.logtojee.mail.aliyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.net.DetachedHttpClients;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Calls DirectMail's {@code SingleSendMail} (API version 2015-11-23) as a signed form POST.
 *
 * <p>Every attempt gets a fresh SignatureNonce and Timestamp. There is at most one retry, and only
 * when the mail certainly did not leave or DirectMail asked for it: a connect failure, a 5xx /
 * {@code ServiceUnavailable} / {@code InternalError}, or {@code Throttling*} (after a short
 * jittered back-off). A read timeout or a connection lost after sending is reported as {@link
 * MailErrorCode#OUTCOME_UNKNOWN} and never retried, because the mail may already be on its way.
 * Redirects are not followed, answers are capped in size, and the whole call ends within {@link
 * Options#totalDeadline()}.
 *
 * <p>Logs name the attempt, HTTP status, Code and RequestId; never the form, the body, the
 * recipient or the secret.
 */
public final class DirectMailClient implements AutoCloseable {
  /**
   * Timeouts and limits.
   *
   * @param connectTimeout per connection attempt
   * @param requestTimeout per attempt, from sending until the whole answer is read
   * @param totalDeadline for all attempts together; a retry only runs within it
   * @param maxResponseBytes larger answers are cut off and treated as unreadable
   * @param throttlingBackoffMin shortest wait before retrying after {@code Throttling*}
   * @param throttlingBackoffMax longest wait (jitter is uniform in between)
   */
  public record Options(
      Duration connectTimeout,
      Duration requestTimeout,
      Duration totalDeadline,
      int maxResponseBytes,
      Duration throttlingBackoffMin,
      Duration throttlingBackoffMax) {
    public Options {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(totalDeadline, "totalDeadline");
      Objects.requireNonNull(throttlingBackoffMin, "throttlingBackoffMin");
      Objects.requireNonNull(throttlingBackoffMax, "throttlingBackoffMax");
      if (maxResponseBytes < 1024 || throttlingBackoffMax.compareTo(throttlingBackoffMin) < 0) {
        throw new IllegalArgumentException("maxResponseBytes >= 1024 and min <= max back-off");
      }
    }

    /** Connect 3 s, request 10 s, 15 s in total, 64 KiB answers, 200–800 ms throttling back-off. */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(3),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          64 * 1024,
          Duration.ofMillis(200),
          Duration.ofMillis(800));
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(
          connectTimeout,
          timeout,
          totalDeadline,
          maxResponseBytes,
          throttlingBackoffMin,
          throttlingBackoffMax);
    }

    public Options withTotalDeadline(Duration deadline) {
      return new Options(
          connectTimeout,
          requestTimeout,
          deadline,
          maxResponseBytes,
          throttlingBackoffMin,
          throttlingBackoffMax);
    }
  }

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The result of one HTTP exchange. */
  private sealed interface Attempt {}

  private record Accepted(SendReceipt receipt) implements Attempt {}

  private record Failed(MailException error, boolean retriable, boolean throttled)
      implements Attempt {}

  private static final Logger LOG = Logger.getLogger(DirectMailClient.class.getName());
  private static final String API_VERSION = "2015-11-23";
  private static final int MAX_ATTEMPTS = 2;

  /** A retry that could not even connect within this time is not worth starting. */
  private static final Duration MIN_RETRY_BUDGET = Duration.ofSeconds(1);

  private static final Pattern PROVIDER_TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private final Options options;
  private final Clock clock;
  private final Supplier<String> nonces;
  private final Sleeper sleeper;
  private final ExecutorService executor;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /** With the system clock, random UUID nonces and real sleeps. */
  public DirectMailClient(Options options) {
    this(
        options,
        Clock.systemUTC(),
        () -> UUID.randomUUID().toString(),
        d -> Thread.sleep(d.toMillis()));
  }

  public DirectMailClient(Options options, Clock clock, Supplier<String> nonces, Sleeper sleeper) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.executor =
        Executors.newCachedThreadPool(DetachedHttpClients.daemonThreads("directmail-http"));
    this.http =
        DetachedHttpClients.build(
            HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor));
  }

  /**
   * Sends one mail.
   *
   * @return EnvId and RequestId once DirectMail accepted the mail
   * @throws MailException INVALID_CONFIG, INVALID_RECIPIENT, RATE_LIMITED, PROVIDER_REJECTED,
   *     PROVIDER_UNAVAILABLE or OUTCOME_UNKNOWN
   */
  public SendReceipt send(DirectMailTarget target, SingleSendMail mail) {
    long deadline = System.nanoTime() + options.totalDeadline().toNanos();
    for (int attempt = 1; ; attempt++) {
      Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
      Duration timeout = min(options.requestTimeout(), remaining);
      Attempt result = exchange(target, mail, timeout);
      int number = attempt;
      if (result instanceof Accepted accepted) {
        LOG.fine(
            () ->
                "DirectMail accepted on attempt "
                    + number
                    + ": EnvId="
                    + accepted.receipt().envId()
                    + " RequestId="
                    + accepted.receipt().requestId());
        return accepted.receipt();
      }
      Failed failed = (Failed) result;
      Duration backoff = failed.throttled() ? jitteredBackoff() : Duration.ZERO;
      Duration budgetLeft = Duration.ofNanos(deadline - System.nanoTime()).minus(backoff);
      boolean retry =
          failed.retriable()
              && attempt < MAX_ATTEMPTS
              && budgetLeft.compareTo(MIN_RETRY_BUDGET) >= 0;
      LOG.info(
          () ->
              "DirectMail attempt "
                  + number
                  + " failed: code="
                  + failed.error().code().wireName()
                  + " providerCode="
                  + failed.error().providerCode().orElse("-")
                  + " requestId="
                  + failed.error().providerRequestId().orElse("-")
                  + (retry ? "; retrying with a new nonce" : ""));
      if (!retry) {
        throw failed.error();
      }
      if (!backoff.isZero()) {
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failed.error();
        }
      }
    }
  }

  /** Releases the client's threads; call when the web application stops. */
  @Override
  public void close() {
    executor.shutdownNow();
    // HttpClient is AutoCloseable from Java 21 on; on 17 its selector thread ends once unreachable.
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing the DirectMail HTTP client failed", e);
      }
    }
  }

  private Attempt exchange(DirectMailTarget target, SingleSendMail mail, Duration timeout) {
    Map<String, String> parameters = new LinkedHashMap<>(mail.parameters());
    parameters.put("Format", "JSON");
    parameters.put("Version", API_VERSION);
    parameters.put("AccessKeyId", target.accessKeyId());
    parameters.put("SignatureMethod", "HMAC-SHA1");
    parameters.put("SignatureVersion", "1.0");
    parameters.put("SignatureNonce", nonces.get());
    parameters.put(
        "Timestamp",
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    parameters.put("RegionId", target.regionId());
    String signature = AliyunSignature.sign("POST", parameters, target.accessKeySecret());
    String form =
        AliyunSignature.canonicalizedQuery(parameters)
            + "&"
            + AliyunSignature.SIGNATURE
            + "="
            + AliyunSignature.percentEncode(signature);
    HttpRequest request =
        HttpRequest.newBuilder(target.endpoint())
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();

    CompletableFuture<HttpResponse<CappedBody>> future =
        http.sendAsync(request, CappedBody.handler(options.maxResponseBytes()));
    try {
      HttpResponse<CappedBody> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return interpret(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      return unknownOutcome("DirectMail did not answer in time", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return unknownOutcome("the send was interrupted", e);
    } catch (ExecutionException e) {
      return interpretFailure(e.getCause() == null ? e : e.getCause());
    }
  }

  private Attempt interpret(int status, CappedBody body) {
    JsonNode answer = body.truncated() ? null : parse(body.bytes());
    String requestId = token(answer, "RequestId");
    if (status >= 200 && status < 300) {
      String envId = token(answer, "EnvId");
      if (envId != null && requestId != null) {
        return new Accepted(new SendReceipt(envId, requestId));
      }
      return new Failed(
          new MailException(
              MailErrorCode.OUTCOME_UNKNOWN,
              "DirectMail answered HTTP "
                  + status
                  + " without an EnvId; the mail may have been sent.",
              null,
              requestId,
              null,
              null),
          false,
          false);
    }
    String code = token(answer, "Code");
    if (status >= 300 && status < 400) {
      return new Failed(
          new MailException(
              MailErrorCode.PROVIDER_REJECTED,
              "DirectMail answered with a redirect (HTTP " + status + "), which is not followed.",
              null,
              requestId,
              null,
              null),
          false,
          false);
    }
    DirectMailErrors.Classification classification = DirectMailErrors.classify(status, code);
    MailException error =
        new MailException(
            classification.code(),
            DirectMailErrors.message(classification.code(), code, status),
            code,
            requestId,
            classification.throttled() ? Duration.ofSeconds(1) : null,
            null);
    return new Failed(error, classification.retriable(), classification.throttled());
  }

  private Attempt interpretFailure(Throwable cause) {
    if (isConnectFailure(cause)) {
      return new Failed(
          new MailException(
              MailErrorCode.PROVIDER_UNAVAILABLE, "DirectMail could not be reached.", cause),
          true,
          false);
    }
    if (cause instanceof SSLException) {
      // The TLS handshake comes before the request, so nothing was sent; retrying won't fix a
      // certificate problem.
      return new Failed(
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

  private static Failed unknownOutcome(String why, Throwable cause) {
    return new Failed(
        new MailException(
            MailErrorCode.OUTCOME_UNKNOWN,
            "The mail may or may not have been sent: " + why + ".",
            cause),
        false,
        false);
  }

  private JsonNode parse(byte[] bytes) {
    try {
      JsonNode node = json.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A short identifier-like field, or null; anything else from the wire is not trusted. */
  private static String token(JsonNode answer, String field) {
    if (answer == null) {
      return null;
    }
    JsonNode value = answer.get(field);
    if (value == null || !value.isTextual()) {
      return null;
    }
    String text = value.asText();
    return PROVIDER_TOKEN.matcher(text).matches() ? text : null;
  }

  private Duration jitteredBackoff() {
    long min = options.throttlingBackoffMin().toMillis();
    long max = options.throttlingBackoffMax().toMillis();
    return Duration.ofMillis(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
  }

  private static Duration min(Duration a, Duration b) {
    Duration smaller = a.compareTo(b) <= 0 ? a : b;
    return smaller.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : smaller;
  }
}
