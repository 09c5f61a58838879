package io.logtojee.mail.template.logto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.TemplateType;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Fetches all of Logto's email templates ({@code GET /api/email-templates}, unfiltered, so one call
 * serves every type and language) and the sign-in experience's fallback language ({@code GET
 * /api/sign-in-exp}) with the app's access token. A template Logto would not send (an unknown type,
 * a missing subject or content) is skipped; too many templates fail the fetch rather than being cut
 * at an arbitrary one.
 */
final class ManagementApiTemplateFetcher implements LogtoTemplateFetcher {
  private static final Logger LOG = Logger.getLogger(CachedLogtoTemplates.class.getName());

  /** Nine types in a few dozen languages are a few hundred templates; this is far beyond. */
  static final int MAX_TEMPLATES = 1000;

  /** Rich HTML templates are tens of kilobytes; a thousand of them would not fit. */
  static final int MAX_TEMPLATES_BYTES = 8 * 1024 * 1024;

  /** The sign-in experience with branding and custom CSS. */
  static final int MAX_SIGN_IN_EXPERIENCE_BYTES = 1024 * 1024;

  private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ManagementApiHttp http;
  private final ManagementApiToken token;
  private final LogtoTemplateOptions options;
  private final Clock clock;

  ManagementApiTemplateFetcher(
      ManagementApiHttp http, ManagementApiToken token, LogtoTemplateOptions options, Clock clock) {
    this.http = http;
    this.token = token;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public LogtoTemplateSet fetch() {
    JsonNode templates = getJson("/email-templates", MAX_TEMPLATES_BYTES);
    JsonNode signInExperience = getJson("/sign-in-exp", MAX_SIGN_IN_EXPERIENCE_BYTES);
    return new LogtoTemplateSet(
        templatesFrom(templates), fallbackLanguageFrom(signInExperience), clock.instant());
  }

  private JsonNode getJson(String path, int maxBytes) {
    boolean cached = token.isCached();
    ManagementApiHttp.Answer answer = http.get(options.api(path), token.get(), maxBytes);
    if ((answer.status() == 401) && cached) {
      // Logto may have been restarted with new keys or the token revoked: one new token, once.
      token.invalidate();
      answer = http.get(options.api(path), token.get(), maxBytes);
    }
    if (answer.status() == 401 || answer.status() == 403) {
      token.invalidate();
      throw new ManagementApiException(
          ManagementApiError.UNAUTHORIZED,
          "GET /api" + path + ": Logto answered " + answer.status());
    }
    if (answer.status() >= 500) {
      throw new ManagementApiException(
          ManagementApiError.SERVER_ERROR,
          "GET /api" + path + ": Logto answered " + answer.status());
    }
    if (answer.status() != 200) {
      throw new ManagementApiException(
          ManagementApiError.UNEXPECTED_ANSWER,
          "GET /api" + path + ": Logto answered " + answer.status());
    }
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new ManagementApiException(
          ManagementApiError.UNEXPECTED_ANSWER, "GET /api" + path + ": the answer is not JSON");
    }
  }

  private static List<LogtoEmailTemplate> templatesFrom(JsonNode array) {
    if (array == null || !array.isArray()) {
      throw new ManagementApiException(
          ManagementApiError.UNEXPECTED_ANSWER, "GET /api/email-templates: not an array");
    }
    if (array.size() > MAX_TEMPLATES) {
      throw new ManagementApiException(
          ManagementApiError.TOO_LARGE,
          "GET /api/email-templates: " + array.size() + " templates, at most " + MAX_TEMPLATES);
    }
    List<LogtoEmailTemplate> templates = new ArrayList<>();
    for (JsonNode entry : array) {
      LogtoEmailTemplate template = templateFrom(entry);
      if (template == null) {
        LOG.log(
            Level.FINE,
            "Skipping Logto email template {0}: not a template this sender can use",
            text(entry.path("id")));
      } else {
        templates.add(template);
      }
    }
    return templates;
  }

  private static LogtoEmailTemplate templateFrom(JsonNode entry) {
    String languageTag = text(entry.path("languageTag"));
    String templateType = text(entry.path("templateType"));
    JsonNode details = entry.path("details");
    String subject = text(details.path("subject"));
    String content = text(details.path("content"));
    if (languageTag == null
        || !LANGUAGE_TAG.matcher(languageTag).matches()
        || templateType == null
        || TemplateType.fromWireName(templateType).isEmpty()
        || subject == null
        || content == null) {
      return null;
    }
    return new LogtoEmailTemplate(
        languageTag,
        templateType,
        subject,
        content,
        BodyFormat.ofContentType(text(details.path("contentType"))),
        text(details.path("sendFrom")));
  }

  private static String fallbackLanguageFrom(JsonNode signInExperience) {
    String fallback = text(signInExperience.path("languageInfo").path("fallbackLanguage"));
    if (fallback == null || !LANGUAGE_TAG.matcher(fallback).matches()) {
      throw new ManagementApiException(
          ManagementApiError.UNEXPECTED_ANSWER,
          "GET /api/sign-in-exp: no languageInfo.fallbackLanguage");
    }
    return fallback;
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
