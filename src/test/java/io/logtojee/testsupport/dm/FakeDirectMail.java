package io.logtojee.testsupport.dm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-process stand-in for Aliyun DirectMail's {@code SingleSendMail}, as strict as the real
 * gateway: it recomputes the V2 (HMAC-SHA1) signature over the received parameters, rejects unknown
 * AccessKeyIds, timestamps more than 15 minutes off and reused nonces, and checks DirectMail's
 * field limits. Valid requests are answered per {@link FakeDirectMailScenario}; accepted mails are
 * recorded.
 *
 * <p>The signature is computed here independently of the production signer (form decoding plus
 * {@link URLEncoder} with the RFC 3986 fix-ups), so a bug there cannot cancel out.
 *
 * <p>Control paths for demos and container tests: {@code GET /__sent} lists the accepted mails as
 * JSON, {@code DELETE /__sent} forgets them, {@code POST /__scenario?name=HTTP_503[&times=1]} sets
 * the scenario (sticky without {@code times}).
 */
public final class FakeDirectMail implements AutoCloseable {
  private static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(15);
  private static final Duration NONCE_MEMORY = Duration.ofMinutes(31);
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
  private static final List<String> REQUIRED_COMMON =
      List.of(
          "Action",
          "AccessKeyId",
          "Signature",
          "SignatureMethod",
          "SignatureNonce",
          "SignatureVersion",
          "Timestamp",
          "Version");
  private static final List<String> REQUIRED_ACTION =
      List.of("AccountName", "AddressType", "ReplyToAddress", "ToAddress", "Subject");
  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
  private static final String HOST_ID = "dm.aliyuncs.com";

  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition acceptedChanged = lock.newCondition();
  private final Map<String, String> secretsByKeyId = new HashMap<>();
  private final Set<String> senders = new java.util.HashSet<>();
  private final Map<String, Instant> usedNonces = new HashMap<>();
  private final Deque<FakeDirectMailScenario> queued = new ArrayDeque<>();
  private final List<RecordedMail> accepted = new ArrayList<>();
  private final List<ReceivedCall> calls = new ArrayList<>();
  private final List<CountDownLatch> held = new ArrayList<>();
  private final List<Consumer<RecordedMail>> listeners = new CopyOnWriteArrayList<>();
  private FakeDirectMailScenario sticky = FakeDirectMailScenario.SUCCESS;
  private final HandlingTimes handlingTimes = new HandlingTimes();
  private HttpServer server;
  private ExecutorService executor;

  /** Judges timestamps by the system clock. */
  public FakeDirectMail() {
    this(Clock.systemUTC());
  }

  /** Judges timestamps by {@code clock}, to test the 15-minute window. */
  public FakeDirectMail(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
  public FakeDirectMail start(int port) throws IOException {
    // The JDK server leaves Nagle's algorithm on, which with delayed ACKs adds about 40 ms to every
    // answer; real servers answer without it, and the benchmarks should measure the application.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "fake-directmail");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handleApi);
    server.createContext("/__sent", this::handleSent);
    server.createContext("/__scenario", this::handleScenario);
    server.start();
    return this;
  }

  /** {@code http://127.0.0.1:<port>/}, to use as the endpoint override. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Registers an AccessKey pair; requests with other ids get {@code InvalidAccessKeyId.NotFound}.
   */
  public FakeDirectMail addKey(String accessKeyId, String accessKeySecret) {
    withLock(() -> secretsByKeyId.put(accessKeyId, accessKeySecret));
    return this;
  }

  /**
   * Registers a verified sender address. Once any is registered, other AccountNames get {@code
   * InvalidMailAddress.NotFound}; with none registered every sender is accepted.
   */
  public FakeDirectMail addSender(String accountName) {
    withLock(() -> senders.add(accountName));
    return this;
  }

  /** Answers every following valid request per {@code scenario}, after any queued ones. */
  public void setScenario(FakeDirectMailScenario scenario) {
    withLock(() -> sticky = Objects.requireNonNull(scenario));
  }

  /** Answers the next {@code times} valid requests per {@code scenario}, then falls back. */
  public void nextCalls(FakeDirectMailScenario scenario, int times) {
    withLock(
        () -> {
          for (int i = 0; i < times; i++) {
            queued.addLast(scenario);
          }
        });
  }

  /** Called with each accepted mail, on the server thread. */
  public void onAccepted(Consumer<RecordedMail> listener) {
    listeners.add(listener);
  }

  /** Forgets the API calls' handling times measured so far. */
  public void resetHandlingTimes() {
    handlingTimes.reset();
  }

  /**
   * The given quantile of the API calls' handling times since the last reset, from the request line
   * read to the answer written, in milliseconds; NaN when none was handled.
   */
  public double handlingTimeMillis(double quantile) {
    return handlingTimes.quantileNanos(quantile) / 1e6;
  }

  /** The mails accepted so far (including ACCEPT_THEN_HANG and ACCEPT_THEN_RESET ones). */
  public List<RecordedMail> accepted() {
    return withLock(() -> List.copyOf(accepted));
  }

  /** Every request to the API path, valid or not, in order of arrival. */
  public List<ReceivedCall> calls() {
    return withLock(() -> List.copyOf(calls));
  }

  public int callCount() {
    return withLock(calls::size);
  }

  /**
   * Waits until at least {@code count} mails were accepted.
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean awaitAccepted(int count, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (accepted.size() < count) {
        if (nanos <= 0) {
          return false;
        }
        nanos = acceptedChanged.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Lets every held ACCEPT_THEN_HANG answer go out (as a success). */
  public void releaseHeld() {
    withLock(
        () -> {
          held.forEach(CountDownLatch::countDown);
          held.clear();
        });
  }

  /** Forgets mails, calls, nonces and scenarios; keeps keys and senders. */
  public void reset() {
    withLock(
        () -> {
          accepted.clear();
          calls.clear();
          usedNonces.clear();
          queued.clear();
          sticky = FakeDirectMailScenario.SUCCESS;
        });
  }

  @Override
  public void close() {
    releaseHeld();
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- API

  /** An answer the gateway or the mail service gives to a request that fails a check. */
  private record Rejection(int status, String code, String message) {}

  private void handleApi(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    try {
      answerApi(exchange);
    } finally {
      handlingTimes.add(System.nanoTime() - started);
    }
  }

  private void answerApi(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Map<String, String> params;
      if (method.equals("POST")) {
        params = decodeForm(readBody(exchange.getRequestBody()));
      } else if (method.equals("GET")) {
        params = decodeForm(exchange.getRequestURI().getRawQuery());
      } else {
        answerError(
            exchange,
            method,
            Map.of(),
            new Rejection(405, "UnsupportedHTTPMethod", "Specified HTTP method is not supported."));
        return;
      }
      Rejection rejection = check(method, params);
      if (rejection != null) {
        answerError(exchange, method, params, rejection);
        return;
      }
      answerValid(exchange, method, params);
    }
  }

  private Rejection check(String method, Map<String, String> params) {
    for (String name : REQUIRED_COMMON) {
      if (isBlank(params.get(name))) {
        return missing(name);
      }
    }
    if (!params.get("SignatureMethod").equals("HMAC-SHA1")
        || !params.get("SignatureVersion").equals("1.0")) {
      return new Rejection(
          400,
          "IncompleteSignature",
          "The request signature does not conform to Aliyun standards.");
    }
    String secret = withLock(() -> secretsByKeyId.get(params.get("AccessKeyId")));
    if (secret == null) {
      return new Rejection(
          404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    Instant timestamp;
    try {
      timestamp = LocalDateTime.parse(params.get("Timestamp"), TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return new Rejection(
          400,
          "InvalidTimeStamp.Format",
          "Specified time stamp or date value is not well formatted.");
    }
    Instant now = clock.instant();
    if (Duration.between(timestamp, now).abs().compareTo(TIMESTAMP_WINDOW) > 0) {
      return new Rejection(
          400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
    String stringToSign = stringToSign(method, params);
    String expected = hmacSha1(secret + "&", stringToSign);
    if (!expected.equals(params.get("Signature"))) {
      return new Rejection(
          403,
          "SignatureDoesNotMatch",
          "Specified signature is not matched with our calculation. server string to sign is:"
              + stringToSign);
    }
    Rejection nonceUsed = withLock(() -> useNonce(params.get("SignatureNonce"), now));
    if (nonceUsed != null) {
      return nonceUsed;
    }
    if (!params.get("Version").equals("2015-11-23")) {
      return new Rejection(400, "InvalidVersion", "Specified parameter Version is not valid.");
    }
    if (!params.get("Action").equals("SingleSendMail")) {
      return new Rejection(
          400,
          "InvalidAction.NotFound",
          "Specified api is not found, please check your url and method.");
    }
    return checkSingleSendMail(params);
  }

  private Rejection useNonce(String nonce, Instant now) {
    usedNonces.values().removeIf(at -> at.isBefore(now.minus(NONCE_MEMORY)));
    if (usedNonces.putIfAbsent(nonce, now) != null) {
      return new Rejection(
          400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    return null;
  }

  private Rejection checkSingleSendMail(Map<String, String> params) {
    for (String name : REQUIRED_ACTION) {
      if (isBlank(params.get(name))) {
        return missing(name);
      }
    }
    if (isBlank(params.get("HtmlBody")) && isBlank(params.get("TextBody"))) {
      return new Rejection(400, "InvalidBody", "The specified body is invalid.");
    }
    if (!Set.of("0", "1").contains(params.get("AddressType"))) {
      return new Rejection(
          400, "InvalidParameter", "The specified parameter AddressType is not valid.");
    }
    if (!Set.of("true", "false").contains(params.get("ReplyToAddress"))) {
      return new Rejection(
          400, "InvalidParameter", "The specified parameter ReplyToAddress is not valid.");
    }
    String[] addresses = params.get("ToAddress").split(",", -1);
    if (addresses.length > 100) {
      return invalidToAddress();
    }
    for (String address : addresses) {
      if (address.length() > 192) {
        return new Rejection(
            400, "EmailLengthError", "The length of the email address is too long.");
      }
      if (!ADDRESS.matcher(address).matches()) {
        return invalidToAddress();
      }
    }
    if (codePoints(params.get("Subject")) > 100) {
      return new Rejection(
          400, "InvalidSubject.Malformed", "The specified subject is wrongly formed.");
    }
    String alias = params.get("FromAlias");
    if (alias != null && codePoints(alias) > 15) {
      return new Rejection(
          400, "InvalidFromAlias.Malformed", "The specified fromAlias is wrongly formed.");
    }
    boolean knownSender =
        withLock(() -> senders.isEmpty() || senders.contains(params.get("AccountName")));
    return knownSender ? null : senderNotFound();
  }

  private void answerValid(HttpExchange exchange, String method, Map<String, String> params)
      throws IOException {
    FakeDirectMailScenario scenario =
        withLock(() -> queued.isEmpty() ? sticky : queued.removeFirst());
    switch (scenario) {
      case SUCCESS -> {
        RecordedMail mail = record(params);
        answer(
            exchange,
            method,
            params,
            200,
            null,
            Map.of("EnvId", mail.envId(), "RequestId", mail.requestId()));
      }
      case INVALID_TO_ADDRESS -> answerError(exchange, method, params, invalidToAddress());
      case SPAM ->
          answerError(
              exchange,
              method,
              params,
              new Rejection(
                  400,
                  "InvalidSendMail.Spam",
                  "The mail is identified as spam, or the sending frequency or quota was exceeded."));
      case THROTTLING_USER ->
          answerError(
              exchange,
              method,
              params,
              new Rejection(
                  400, "Throttling.User", "Request was denied due to user flow control."));
      case HTTP_500 ->
          answerError(
              exchange,
              method,
              params,
              new Rejection(
                  500,
                  "InternalError",
                  "The request processing has failed due to some unknown error."));
      case HTTP_503 ->
          answerError(
              exchange,
              method,
              params,
              new Rejection(
                  503,
                  "ServiceUnavailable",
                  "The request has failed due to a temporary failure of the server."));
      case SENDER_NOT_FOUND -> answerError(exchange, method, params, senderNotFound());
      case ACCEPT_THEN_RESET -> {
        record(params);
        logCall(method, params, 0, null);
        // Closing the exchange before any response header closes the connection.
      }
      case ACCEPT_THEN_HANG -> {
        RecordedMail mail = record(params);
        logCall(method, params, 0, null);
        CountDownLatch release = new CountDownLatch(1);
        withLock(() -> held.add(release));
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        sendJson(exchange, 200, Map.of("EnvId", mail.envId(), "RequestId", mail.requestId()));
      }
    }
  }

  private RecordedMail record(Map<String, String> params) {
    RecordedMail mail =
        new RecordedMail(
            params.get("ToAddress"),
            params.get("Subject"),
            params.get("HtmlBody"),
            params.get("FromAlias"),
            params.get("AccountName"),
            params.get("RegionId"),
            params.get("SignatureNonce"),
            Long.toString(
                600_000_000_000_000_000L
                    + ThreadLocalRandom.current().nextLong(1_000_000_000_000L)),
            UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT),
            clock.instant(),
            params);
    lock.lock();
    try {
      accepted.add(mail);
      acceptedChanged.signalAll();
    } finally {
      lock.unlock();
    }
    listeners.forEach(l -> l.accept(mail));
    return mail;
  }

  private void answerError(
      HttpExchange exchange, String method, Map<String, String> params, Rejection rejection)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
    body.put("HostId", HOST_ID);
    body.put("Code", rejection.code());
    body.put("Message", rejection.message());
    body.put(
        "Recommend", "https://api.aliyun.com/troubleshoot?q=" + rejection.code() + "&product=Dm");
    answer(exchange, method, params, rejection.status(), rejection.code(), body);
  }

  private void answer(
      HttpExchange exchange,
      String method,
      Map<String, String> params,
      int status,
      String code,
      Map<String, ?> body)
      throws IOException {
    logCall(method, params, status, code);
    sendJson(exchange, status, body);
  }

  private void logCall(String method, Map<String, String> params, int status, String code) {
    withLock(() -> calls.add(new ReceivedCall(method, params, status, code)));
  }

  // ---------------------------------------------------------------- control paths

  private void handleSent(HttpExchange exchange) throws IOException {
    try (exchange) {
      switch (exchange.getRequestMethod()) {
        case "GET" -> {
          List<Map<String, Object>> mails = new ArrayList<>();
          for (RecordedMail mail : accepted()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("toAddress", mail.toAddress());
            entry.put("subject", mail.subject());
            entry.put("htmlBody", mail.htmlBody());
            entry.put("fromAlias", mail.fromAlias());
            entry.put("accountName", mail.accountName());
            entry.put("regionId", mail.regionId());
            entry.put("envId", mail.envId());
            entry.put("requestId", mail.requestId());
            entry.put("receivedAt", mail.receivedAt().toString());
            mails.add(entry);
          }
          sendJson(exchange, 200, mails);
        }
        case "DELETE" -> {
          withLock(accepted::clear);
          exchange.sendResponseHeaders(204, -1);
        }
        default -> exchange.sendResponseHeaders(405, -1);
      }
    }
  }

  private void handleScenario(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Map<String, String> query = decodeForm(exchange.getRequestURI().getRawQuery());
      FakeDirectMailScenario scenario;
      try {
        scenario = FakeDirectMailScenario.valueOf(query.getOrDefault("name", ""));
      } catch (IllegalArgumentException e) {
        sendJson(exchange, 400, Map.of("error", "unknown scenario"));
        return;
      }
      if (query.containsKey("times")) {
        nextCalls(scenario, Integer.parseInt(query.get("times")));
      } else {
        setScenario(scenario);
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  // ---------------------------------------------------------------- signature, independently

  static String stringToSign(String method, Map<String, String> params) {
    StringBuilder canonical = new StringBuilder();
    for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
      if (param.getKey().equals("Signature")) {
        continue;
      }
      if (canonical.length() > 0) {
        canonical.append('&');
      }
      canonical.append(rfc3986(param.getKey())).append('=').append(rfc3986(param.getValue()));
    }
    return method + "&" + rfc3986("/") + "&" + rfc3986(canonical.toString());
  }

  private static String rfc3986(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  private static String hmacSha1(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, String> decodeForm(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return params;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(name, value);
    }
    return params;
  }

  private static String readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new IOException("request body too large");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Rejection missing(String name) {
    return new Rejection(
        400,
        "MissingParameter",
        "The input parameter \""
            + name
            + "\" that is mandatory for processing this request is not supplied.");
  }

  private static Rejection invalidToAddress() {
    return new Rejection(400, "InvalidToAddress", "The specified toAddress is wrongly formed.");
  }

  private static Rejection senderNotFound() {
    return new Rejection(
        404, "InvalidMailAddress.NotFound", "The specified mail address is not found.");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static int codePoints(String value) {
    return value.codePointCount(0, value.length());
  }

  private <T> T withLock(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private void withLock(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the executor after {@link #close()}; for tests that check for leaked threads. */
  boolean awaitTermination(Duration timeout) throws InterruptedException {
    return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
