package io.logtojee.testsupport.op;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logto's part of the passwordless email flow, so the project's sender can be driven end to end
 * without a real Logto: Logto owns the codes and calls our sender through its HTTP email connector.
 * Reproduced after Logto core 1.42 ({@code reliability-security.md} 1.5, {@code logto.md} 3):
 *
 * <ul>
 *   <li>{@code core/libraries/passcode.ts}: 6 random digits; one live code per address and type, a
 *       new request deletes the old one; valid while {@code createdAt + 600 s >= now}; at most 10
 *       failed tries; a correct code is consumed;
 *   <li>{@code core/sentinel/message-rate-guard.ts}: at most 10 successful sends per recipient
 *       (trimmed, lower-cased) in a sliding 600 s window, checked before the code is created, so a
 *       rejected request neither creates nor deletes a code; a failed send is not counted;
 *   <li>the connector's request and error mapping ({@link HttpEmailConnector}, {@code
 *       koa-connector-error-handler.ts}).
 * </ul>
 *
 * <p>Not modelled: Logto's identifier sentinel (lock-out after many failed verifications across
 * codes), organization context, {@code email_mismatch} (codes are looked up by address and type
 * here, not by interaction). Codes are kept only in memory and never logged.
 *
 * <p>Thread-safe; the HTTP call runs outside the lock, so as in Logto two concurrent requests may
 * both pass the cap.
 */
final class PasscodeFlow {
  static final int CODE_LENGTH = 6;
  static final Duration CODE_TTL = Duration.ofSeconds(600);
  static final int MAX_TRIES = 10;
  static final int MAX_SENDS_PER_RECIPIENT = 10;
  static final Duration SEND_WINDOW = Duration.ofSeconds(600);

  /** {@code TemplateType} of {@code @logto/connector-kit} 5.1. */
  static final Set<String> TEMPLATE_TYPES =
      Set.of(
          "SignIn",
          "Register",
          "ForgotPassword",
          "OrganizationInvitation",
          "Generic",
          "UserPermissionValidation",
          "BindNewIdentifier",
          "MfaVerification",
          "BindMfa");

  private record Key(String email, String type) {}

  private static final class Passcode {
    final String code;
    final Instant createdAt;
    int tryCount;

    Passcode(String code, Instant createdAt) {
      this.code = code;
      this.createdAt = createdAt;
    }
  }

  /** The application context Logto adds from the {@code _logto} cookie's {@code appId}. */
  private record Application(String id, String name, String displayName) {}

  private final SecureRandom random = new SecureRandom();
  private final HttpEmailConnector connector = new HttpEmailConnector();
  private final AtomicLong userIds = new AtomicLong();

  private final Map<Key, Passcode> codes = new HashMap<>();
  private final Map<String, Deque<Instant>> sends = new HashMap<>();
  private final Map<String, TestUser> users = new LinkedHashMap<>();

  private URI endpoint;
  private String authorization;
  private Application application = new Application("demo-app", "Demo App", "Demo App");
  private boolean userContext = true;
  private Clock clock = Clock.systemUTC();
  private Duration offset = Duration.ZERO;

  // ---------------------------------------------------------------- configuration

  synchronized void configureConnector(URI newEndpoint, String newAuthorization) {
    this.endpoint = Objects.requireNonNull(newEndpoint, "endpoint");
    this.authorization = newAuthorization;
  }

  synchronized TestUser registerUser(String email) {
    String key = normalize(email);
    TestUser existing = users.get(key);
    if (existing != null) {
      return existing;
    }
    TestUser user =
        new TestUser(
            String.format(Locale.ROOT, "emailuser%04d", userIds.incrementAndGet()),
            null,
            null,
            email.trim(),
            true,
            null,
            null,
            null);
    users.put(key, user);
    return user;
  }

  synchronized void registerUser(TestUser user) {
    Objects.requireNonNull(user.email(), "user.email");
    users.put(normalize(user.email()), user);
  }

  /** The user an address belongs to (trimmed, case-insensitive), or null. */
  synchronized TestUser findUser(String email) {
    return users.get(normalize(email));
  }

  synchronized Set<String> registeredEmails() {
    return Set.copyOf(users.keySet());
  }

  synchronized void setApplication(String id, String name, String displayName) {
    application = id == null ? null : new Application(id, name, displayName);
  }

  synchronized void setUserContext(boolean include) {
    userContext = include;
  }

  synchronized void setClock(Clock base) {
    clock = Objects.requireNonNull(base, "clock");
  }

  synchronized void advanceClock(Duration by) {
    offset = offset.plus(Objects.requireNonNull(by, "by"));
  }

  synchronized Instant now() {
    return clock.instant().plus(offset);
  }

  /** Forgets codes, sends and the clock offset; configuration and users stay. */
  synchronized void reset() {
    codes.clear();
    sends.clear();
    offset = Duration.ZERO;
  }

  // ---------------------------------------------------------------- the flow

  PasscodeResult request(String email, String type, String locale, String ip) {
    return request(email, type, locale, null, ip, includesUserContext());
  }

  /**
   * "Send me a code" from Logto's sign-in experience ({@link SignInExperience}): {@code
   * payload.uiLocales} carries the authorization request's raw {@code ui_locales} when it had one,
   * and no {@code payload.user} is sent, because the experience has not identified a user yet.
   */
  PasscodeResult requestFromExperience(
      String email, String type, String locale, String uiLocales, String ip) {
    return request(email, type, locale, uiLocales, ip, false);
  }

  private synchronized boolean includesUserContext() {
    return userContext;
  }

  private PasscodeResult request(
      String email, String type, String locale, String uiLocales, String ip, boolean withUser) {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(type, "type");
    URI target;
    String auth;
    String code;
    byte[] body;
    synchronized (this) {
      Instant now = now();
      if (recentSends(normalize(email), now).size() >= MAX_SENDS_PER_RECIPIENT) {
        return new PasscodeResult(
            429, PasscodeResult.MESSAGE_RATE_LIMITED, null, false, 0, "", 0, null);
      }
      code = newCode();
      codes.put(new Key(email, type), new Passcode(code, now));
      if (endpoint == null) {
        return new PasscodeResult(
            501, PasscodeResult.CONNECTOR_NOT_FOUND, null, false, 0, "", 0, code);
      }
      if (!TEMPLATE_TYPES.contains(type)) {
        return new PasscodeResult(
            400, PasscodeResult.CONNECTOR_INVALID_CONFIG, null, false, 0, "", 0, code);
      }
      target = endpoint;
      auth = authorization;
      body =
          Json.write(message(email, type, code, locale, uiLocales, ip, withUser))
              .getBytes(StandardCharsets.UTF_8);
    }
    HttpEmailConnector.Delivery delivery = connector.send(target, auth, body);
    if (!delivery.ok()) {
      String message = delivery.failure() != null ? delivery.failure() : delivery.body();
      return new PasscodeResult(
          400,
          PasscodeResult.CONNECTOR_GENERAL,
          Json.write(Map.of("message", message)),
          true,
          delivery.status(),
          delivery.body(),
          delivery.elapsedNanos(),
          code);
    }
    synchronized (this) {
      Instant now = now();
      recentSends(normalize(email), now).addLast(now);
    }
    return new PasscodeResult(
        200, null, null, true, delivery.status(), delivery.body(), delivery.elapsedNanos(), code);
  }

  synchronized VerifyResult verify(String email, String type, String code) {
    Key key = new Key(email, type);
    Passcode passcode = codes.get(key);
    if (passcode == null) {
      return new VerifyResult(400, VerifyResult.NOT_FOUND, 0);
    }
    if (passcode.createdAt.plus(CODE_TTL).isBefore(now())) {
      return new VerifyResult(400, VerifyResult.EXPIRED, passcode.tryCount);
    }
    if (passcode.tryCount >= MAX_TRIES) {
      return new VerifyResult(400, VerifyResult.EXCEED_MAX_TRY, passcode.tryCount);
    }
    if (code == null
        || !MessageDigest.isEqual(
            passcode.code.getBytes(StandardCharsets.UTF_8),
            code.getBytes(StandardCharsets.UTF_8))) {
      passcode.tryCount++;
      return new VerifyResult(400, VerifyResult.CODE_MISMATCH, passcode.tryCount);
    }
    codes.remove(key);
    return new VerifyResult(200, null, passcode.tryCount);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The connector's JSON: {@code {to, type, payload{code, locale, uiLocales, application, user},
   * ip}} in Logto's key order; absent values are left out, as {@code JSON.stringify} drops
   * undefined.
   */
  private Map<String, Object> message(
      String email,
      String type,
      String code,
      String locale,
      String uiLocales,
      String ip,
      boolean withUser) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("code", code);
    if (locale != null) {
      payload.put("locale", locale);
    }
    if (uiLocales != null) {
      payload.put("uiLocales", uiLocales);
    }
    if (application != null) {
      Map<String, Object> app = new LinkedHashMap<>();
      app.put("id", application.id());
      app.put("name", application.name());
      app.put("branding", Map.of());
      if (application.displayName() != null) {
        app.put("displayName", application.displayName());
      }
      payload.put("application", app);
    }
    TestUser user = users.get(normalize(email));
    if (withUser && user != null) {
      payload.put("user", userContext(user));
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("to", email);
    message.put("type", type);
    message.put("payload", payload);
    if (ip != null && !ip.isEmpty()) {
      message.put("ip", ip);
    }
    return message;
  }

  /** {@code buildUserContextInfo}: Logto's user columns, nulls kept. */
  private static Map<String, Object> userContext(TestUser user) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", user.sub());
    json.put("avatar", user.picture());
    json.put("name", user.name());
    json.put("primaryEmail", user.email());
    json.put("primaryPhone", null);
    json.put("username", user.username());
    json.put("profile", Map.of());
    return json;
  }

  private Deque<Instant> recentSends(String recipient, Instant now) {
    Deque<Instant> recent = sends.computeIfAbsent(recipient, r -> new ArrayDeque<>());
    while (!recent.isEmpty() && !recent.peekFirst().plus(SEND_WINDOW).isAfter(now)) {
      recent.removeFirst();
    }
    return recent;
  }

  private String newCode() {
    int bound = (int) Math.pow(10, CODE_LENGTH);
    return String.format(Locale.ROOT, "%0" + CODE_LENGTH + "d", random.nextInt(bound));
  }

  /** {@code message-rate-guard.ts normalizeRecipient} for emails. */
  private static String normalize(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
