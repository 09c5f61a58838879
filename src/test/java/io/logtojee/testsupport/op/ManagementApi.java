package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The part of Logto's Management API the mail sender reads, after Logto 1.42: {@code GET
 * /api/email-templates} with its {@code languageTag} and {@code templateType} filters ({@code
 * routes/email-template/index.ts}) and {@code GET /api/sign-in-exp} (only what concerns mail:
 * {@code languageInfo}). Both want a Bearer token the client-credentials grant issued for the
 * Management API resource; the fault scenarios act before that check, as a failing Logto would.
 */
final class ManagementApi {
  /** Logto OSS's Management API resource indicator (tenant {@code default}). */
  static final String OSS_RESOURCE = "https://default.logto.app/api";

  private static final String TENANT = "default";

  private final Supplier<Set<Scenario>> scenarios;
  private final Map<String, Instant> issuedTokens = new ConcurrentHashMap<>();
  private final List<Map<String, Object>> templates = new ArrayList<>();
  private volatile String resource = OSS_RESOURCE;
  private volatile String fallbackLanguage = "en";
  private volatile Duration tokenLifetime = Duration.ofSeconds(3600);

  ManagementApi(Supplier<Set<Scenario>> scenarios) {
    this.scenarios = scenarios;
  }

  // ---------------------------------------------------------------- configuration

  String resource() {
    return resource;
  }

  void setResource(String indicator) {
    this.resource = indicator;
  }

  void setFallbackLanguage(String language) {
    this.fallbackLanguage = language;
  }

  void setTokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  /** Adds the template, or replaces the one of the same language and type (Logto's upsert). */
  synchronized void putTemplate(String languageTag, String templateType, Map<String, ?> details) {
    templates.removeIf(
        t ->
            t.get("languageTag").equals(languageTag) && t.get("templateType").equals(templateType));
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("id", OidcValues.randomToken().substring(0, 21));
    template.put("tenantId", TENANT);
    template.put("languageTag", languageTag);
    template.put("templateType", templateType);
    template.put("details", new LinkedHashMap<>(details));
    template.put("createdAt", System.currentTimeMillis());
    templates.add(template);
  }

  synchronized void deleteTemplates() {
    templates.clear();
  }

  /** Makes every token issued so far unknown, as a restarted Logto with new keys would. */
  void revokeTokens() {
    issuedTokens.clear();
  }

  // ---------------------------------------------------------------- tokens

  /** The client-credentials answer for the Management API; call after the grant's checks. */
  Resp issueToken() {
    String token = OidcValues.randomToken();
    issuedTokens.put(token, Instant.now().plus(tokenLifetime));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("expires_in", tokenLifetime.toSeconds());
    body.put("token_type", "Bearer");
    body.put("scope", "all");
    return Resp.json(200, body);
  }

  // ---------------------------------------------------------------- requests

  /** The answer, or {@link Resp#RESET} when the scenario drops the connection. */
  Resp handle(Req req) {
    Set<Scenario> sc = scenarios.get();
    if (sc.contains(Scenario.MANAGEMENT_API_DOWN)) {
      return Resp.RESET;
    }
    if (sc.contains(Scenario.MANAGEMENT_API_500)) {
      return logtoError(500, "unknown", "Oops! Something went wrong.");
    }
    if (sc.contains(Scenario.MANAGEMENT_API_401) || !authorized(req)) {
      return logtoError(401, "auth.unauthorized", "Unauthorized. Please check credentials.");
    }
    if (!"GET".equals(req.method())) {
      return logtoError(405, "request.method_not_allowed", "Method not allowed.");
    }
    return switch (req.path()) {
      case "/api/email-templates" -> Resp.json(200, templates(req));
      case "/api/sign-in-exp" -> Resp.json(200, signInExperience());
      default -> logtoError(404, "guard.invalid_path", "Not found.");
    };
  }

  private boolean authorized(Req req) {
    String authorization = req.header("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    Instant expires = issuedTokens.get(authorization.substring(7).trim());
    return expires != null && Instant.now().isBefore(expires);
  }

  private synchronized List<Map<String, Object>> templates(Req req) {
    String languageTag = req.queryParam("languageTag");
    String templateType = req.queryParam("templateType");
    return templates.stream()
        .filter(t -> languageTag == null || languageTag.equals(t.get("languageTag")))
        .filter(t -> templateType == null || templateType.equals(t.get("templateType")))
        .toList();
  }

  private Map<String, Object> signInExperience() {
    Map<String, Object> languageInfo = new LinkedHashMap<>();
    languageInfo.put("autoDetect", true);
    languageInfo.put("fallbackLanguage", fallbackLanguage);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", TENANT);
    body.put("tenantId", TENANT);
    body.put("color", Map.of("primaryColor", "#6139F6", "isDarkModeEnabled", false));
    body.put("languageInfo", languageInfo);
    body.put("signInMode", "SignInAndRegister");
    return body;
  }

  /** Logto's Management API error body: {@code {message, code}}. */
  private static Resp logtoError(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("code", code);
    return Resp.json(status, body);
  }
}
