package io.logtojee.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logtojee.api.JsonBodies;
import io.logtojee.api.security.CallerContexts;
import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.config.InvalidMailConfigException;
import io.logtojee.mail.config.MailConfigSnapshot;
import io.logtojee.mail.config.MailConfigView;
import io.logtojee.mail.sending.PreviewRequest;
import io.logtojee.mail.sending.RenderedMail;
import io.logtojee.mail.setup.MailComponents;
import io.logtojee.mail.template.LogtoTemplatesStatus;
import io.logtojee.mail.template.ResolvedTemplate;
import io.logtojee.mail.template.TemplateOverview;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The DirectMail connector configuration for the admin console. Secrets are write-only: they are
 * never returned, and a save that leaves them out keeps the current ones. Saves need the ETag of
 * the version they edit ({@code If-Match}), so two admins cannot overwrite each other unnoticed.
 * {@code /templates} shows, per template type and locale, which template a mail would get and
 * whether it comes from Logto or from the configuration.
 */
@Path("/admin/mail-config")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class MailConfigResource {

  private static final Logger AUDIT = Logger.getLogger("io.logtojee.audit");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<MailComponents> mail;

  /**
   * @param mail the sender's parts, absent when MAIL_CONFIG_FILE is not set
   */
  public MailConfigResource(Optional<MailComponents> mail) {
    this.mail = mail;
  }

  private MailComponents mail() {
    return mail.orElseThrow(
        () ->
            new MailException(
                MailErrorCode.MAIL_DISABLED, "Mail is disabled: MAIL_CONFIG_FILE is not set"));
  }

  /** The administrator the access filter let through; their {@code sub} goes into the audit log. */
  private static String admin(SecurityContext security) {
    return CallerContexts.callerOf(security).orElseThrow().getName();
  }

  @GET
  public Response view() {
    MailConfigSnapshot snapshot = mail().configStore().snapshot();
    return Response.ok(describe(snapshot)).header("ETag", snapshot.etag()).build();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response save(
      @HeaderParam("If-Match") String ifMatch, String body, @Context SecurityContext security)
      throws JsonProcessingException {
    MailComponents mail = mail();
    AliyunDmConfig candidate = parse(mail, body);
    MailConfigSnapshot before = mail.configStore().snapshot();
    MailConfigSnapshot after = mail.configStore().replace(candidate, ifMatch);
    AUDIT.info(
        "mail configuration saved by "
            + admin(security)
            + "; changed: "
            + MailConfigView.changedFields(before.config(), after.config()));
    return Response.ok(describe(after)).header("ETag", after.etag()).build();
  }

  @POST
  @Path("/validate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> validate(String body) throws JsonProcessingException {
    MailComponents mail = mail();
    AliyunDmConfig candidate =
        parse(mail, body).withSecretsFrom(mail.configStore().snapshot().config());
    List<ConfigViolation> violations = mail.configLoader().validate(candidate);
    if (!violations.isEmpty()) {
      throw new InvalidMailConfigException(violations);
    }
    return Map.of("valid", true);
  }

  @POST
  @Path("/test-send")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> testSend(
      String body, @Context HttpServletRequest request, @Context SecurityContext security)
      throws JsonProcessingException {
    TestSendRequest test = JsonBodies.read(body, TestSendRequest.class);
    String type = test.type() == null ? "Generic" : test.type();
    Map<String, Object> payload = new LinkedHashMap<>();
    // A fresh random code: the console shows what a real mail looks like without reusing codes.
    payload.put("code", String.format("%06d", RANDOM.nextInt(1_000_000)));
    if (test.locale() != null) {
      payload.put("locale", test.locale());
    }
    SendReceipt receipt =
        mail().service().send(new EmailRequest(test.to(), type, payload, request.getRemoteAddr()));
    AUDIT.info("test mail sent by " + admin(security) + "; EnvId " + receipt.envId());
    return Map.of("envId", receipt.envId(), "requestId", receipt.requestId());
  }

  /**
   * Renders a template through the sender's own rendering ({@code MailService.preview}), so the
   * console shows exactly what a mail would contain: the editor's unsaved {@code template}, or the
   * template a mail of {@code usageType} and {@code locale} gets now. Sends and counts nothing.
   */
  @POST
  @Path("/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> preview(String body) throws JsonProcessingException {
    MailComponents mail = mail();
    PreviewRequest request = JsonBodies.read(body, PreviewRequest.class);
    List<ConfigViolation> violations = mail.configLoader().validateRequest(request);
    if (!violations.isEmpty()) {
      throw new InvalidMailConfigException(violations);
    }
    RenderedMail rendered = mail.service().preview(request);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("subject", rendered.subject());
    json.put("body", rendered.body());
    json.put("format", rendered.format().mediaType());
    json.put("fromAlias", rendered.fromAlias());
    json.put("origin", rendered.template().origin().wireName());
    json.put("templateType", rendered.template().usageType());
    json.put("languageTag", rendered.template().languageTag());
    return json;
  }

  /**
   * For each of Logto's template types, and for no locale and each locale known, the template a
   * mail would get ({@code origin} {@code logto} or {@code configuration}, or {@code null} when it
   * would be refused), and how the Logto source stands. Read-only; the texts stay out, the subject
   * identifies a template well enough.
   */
  @GET
  @Path("/templates")
  public Map<String, Object> templates() {
    TemplateOverview overview = mail().templateOverview();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TemplateOverview.Row row : overview.rows()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("usageType", row.usageType());
      json.put("locale", row.locale());
      ResolvedTemplate template = row.template();
      json.put("origin", template == null ? null : template.origin().wireName());
      if (template != null) {
        json.put("templateType", template.usageType());
        json.put("languageTag", template.languageTag());
        json.put("contentType", template.format().mediaType());
        json.put("subject", template.subject());
        json.put("sendFrom", template.sendFrom());
      }
      rows.add(json);
    }
    LogtoTemplatesStatus status = overview.logto();
    Map<String, Object> logto = new LinkedHashMap<>();
    logto.put("configured", status.configured());
    logto.put("serving", status.serving());
    logto.put(
        "lastFetchedAt", status.lastFetchedAt() == null ? null : status.lastFetchedAt().toString());
    logto.put("lastErrorCode", status.lastErrorCode());
    logto.put("fallbackLanguage", status.fallbackLanguage());
    logto.put("templateCount", status.templateCount());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("logto", logto);
    body.put("templates", rows);
    return body;
  }

  private static AliyunDmConfig parse(MailComponents mail, String body) {
    if (body == null || body.isBlank()) {
      throw new MailException(MailErrorCode.INVALID_REQUEST, "The request body is empty");
    }
    return mail.configLoader().parseUnvalidated(body);
  }

  private static Map<String, Object> describe(MailConfigSnapshot snapshot) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", snapshot.available());
    if (snapshot.config() != null) {
      body.put("config", MailConfigView.of(snapshot.config()));
    }
    if (!snapshot.available()) {
      body.put("problem", snapshot.problem());
      body.put("violations", ConfigViolation.byKey(snapshot.violations()));
    }
    return body;
  }
}
