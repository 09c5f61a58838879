package io.logtojee.mail.sending;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.OutgoingMail;
import io.logtojee.mail.Recipient;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.config.MailConfigSnapshot;
import io.logtojee.mail.config.MailConfigStore;
import io.logtojee.mail.config.TransportKind;
import io.logtojee.mail.limit.ClientIp;
import io.logtojee.mail.limit.Reservation;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.mail.template.LogtoTemplates;
import io.logtojee.mail.template.ResolvedTemplate;
import io.logtojee.mail.template.TemplateOrigin;
import io.logtojee.mail.template.TemplateOverview;
import io.logtojee.mail.template.TemplateRenderer;
import io.logtojee.mail.template.TemplateResolver;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends the mail Logto's HTTP email connector asks for: validate the recipient, take the active
 * configuration, choose (Logto's own template, else the configuration's) and render the template,
 * reserve against the limits, hand the mail to the transport, then count it or not.
 *
 * <p>Nothing is sent before every check has passed, so a bad recipient, a missing template or a
 * reached limit never costs a provider call. What each outcome logs is up to {@link MailSendLog}.
 */
public final class MailService {
  /** DirectMail's Subject limit; a longer rendered subject is shortened rather than refused. */
  static final int MAX_SUBJECT_LENGTH = 100;

  /** Logto's type names are short identifiers; anything else is refused before it reaches a log. */
  /** The type names the sender accepts; it refuses others before they reach a log. */
  static final String TYPE_NAME_PATTERN = "[A-Za-z0-9_-]{1,64}";

  private static final Pattern TYPE_NAME = Pattern.compile(TYPE_NAME_PATTERN);

  private final MailConfigStore configs;
  private final Map<TransportKind, MailTransport> transports;
  private final SendLimits limits;
  private final TemplateResolver templates;
  private final TemplateRenderer renderer = new TemplateRenderer();

  /** A sender that uses only the configuration's templates. */
  public MailService(
      MailConfigStore configs, Map<TransportKind, MailTransport> transports, SendLimits limits) {
    this(configs, transports, limits, LogtoTemplates.none());
  }

  /**
   * @param transports one transport per kind the configuration may choose; a config naming a
   *     missing kind disables mail
   * @param logtoTemplates Logto's own templates, which come before the configuration's
   */
  public MailService(
      MailConfigStore configs,
      Map<TransportKind, MailTransport> transports,
      SendLimits limits,
      LogtoTemplates logtoTemplates) {
    this.configs = Objects.requireNonNull(configs, "configs");
    this.transports = new EnumMap<>(TransportKind.class);
    this.transports.putAll(Objects.requireNonNull(transports, "transports"));
    this.limits = Objects.requireNonNull(limits, "limits");
    this.templates = new TemplateResolver(logtoTemplates);
  }

  /**
   * Sends one mail.
   *
   * @return the provider's receipt, only after the provider accepted the mail
   * @throws MailException with INVALID_REQUEST, INVALID_RECIPIENT, MAIL_DISABLED,
   *     TEMPLATE_NOT_FOUND or RATE_LIMITED before any provider call, or with the transport's code
   *     (INVALID_CONFIG, INVALID_RECIPIENT, RATE_LIMITED, PROVIDER_REJECTED, PROVIDER_UNAVAILABLE,
   *     OUTCOME_UNKNOWN) after it
   */
  public SendReceipt send(EmailRequest request) {
    if (request == null) {
      throw new MailException(MailErrorCode.INVALID_REQUEST, "The request body is missing.");
    }
    if (request.type() == null || !TYPE_NAME.matcher(request.type()).matches()) {
      throw new MailException(
          MailErrorCode.INVALID_REQUEST, "type must be a Logto template type such as SignIn");
    }
    Recipient recipient = Recipient.parse(request.to());
    String type = request.type();

    MailConfigSnapshot snapshot = configs.snapshot();
    AliyunDmConfig config =
        snapshot
            .active()
            .orElseThrow(
                () ->
                    refuse(
                        MailErrorCode.MAIL_DISABLED,
                        "Mail is disabled: " + snapshot.problem() + ".",
                        recipient,
                        type));
    MailTransport transport = transports.get(config.transportKind());
    if (transport == null) {
      throw refuse(
          MailErrorCode.MAIL_DISABLED,
          "Mail is disabled: transport "
              + config.transportKind().configName()
              + " is not available.",
          recipient,
          type);
    }
    ResolvedTemplate template =
        templates
            .resolve(config.templates(), type, request.locale())
            .orElseThrow(
                () ->
                    refuse(
                        MailErrorCode.TEMPLATE_NOT_FOUND,
                        "Cannot find template for type: " + type,
                        recipient,
                        type));
    RenderedMail rendered = render(template, request.payload(), config.fromAlias());
    OutgoingMail mail =
        new OutgoingMail(
            recipient,
            rendered.subject(),
            rendered.body(),
            rendered.format(),
            rendered.fromAlias());

    if (request.ip() != null && !request.ip().isBlank() && ClientIp.parse(request.ip()).isEmpty()) {
      // Counted without a per-IP limit rather than refused: Logto's ip is only a hint, and a
      // format we cannot read must not stop users' codes. The operator should hear about it.
      MailSendLog.unreadableIp(type, recipient, request.ip());
    }
    Reservation reservation;
    try {
      reservation = limits.reserve(recipient, request.ip());
    } catch (MailException e) {
      MailSendLog.limited(e, type, recipient, request.ip());
      throw e;
    }
    long started = System.nanoTime();
    try {
      SendReceipt receipt = transport.send(mail, config);
      reservation.commit();
      MailSendLog.sent(type, recipient, config.transportKind(), receipt, started);
      return receipt;
    } catch (MailException e) {
      // A mail that may have reached the user's inbox counts (an unknown outcome, a provider's
      // server error, a failed retry after one); a send that certainly did not leave doesn't.
      if (e.mayHaveBeenSent()) {
        reservation.commit();
      } else {
        reservation.release();
      }
      MailSendLog.notSent(e, type, recipient, started);
      throw e;
    } catch (RuntimeException e) {
      // A bug may strike after the mail left; count it, as for an unknown outcome.
      reservation.commit();
      MailSendLog.unexpected(e, type, recipient);
      throw new MailException(
          MailErrorCode.OUTCOME_UNKNOWN, "The mail may or may not have been sent.", e);
    }
  }

  /** Whether mail can be sent right now, and why not. */
  public MailStatus status() {
    MailConfigSnapshot snapshot = configs.snapshot();
    if (!snapshot.available()) {
      return new MailStatus(false, snapshot.problem(), snapshot.violations());
    }
    TransportKind kind = snapshot.config().transportKind();
    if (!transports.containsKey(kind)) {
      return new MailStatus(
          false, "transport " + kind.configName() + " is not available", List.of());
    }
    return MailStatus.available();
  }

  /**
   * Which template each type and locale would get now, with the Logto source's status; with mail
   * disabled, only Logto's templates count.
   */
  public TemplateOverview templateOverview() {
    return templates.overview(
        configs.snapshot().active().map(AliyunDmConfig::templates).orElse(List.of()));
  }

  /**
   * Renders a template for the admin console exactly as {@link #send} would, without sending or
   * counting anything: the editor's unsaved {@code template}, or else the template a mail of {@code
   * usageType} and locale gets now (Logto's, then the active configuration's).
   *
   * @throws MailException TEMPLATE_NOT_FOUND when no template would be found, INVALID_REQUEST when
   *     neither a template nor a type is given
   */
  public RenderedMail preview(PreviewRequest request) {
    Optional<AliyunDmConfig> active = configs.snapshot().active();
    Map<String, Object> payload = request.payload();
    ResolvedTemplate template;
    if (request.template() != null) {
      TemplateDraft draft = request.template();
      // The editor's templates are configuration templates; only Logto's name a sender.
      template =
          new ResolvedTemplate(
              draft.usageType(),
              draft.locale(),
              draft.subject(),
              draft.content(),
              BodyFormat.ofContentType(draft.contentType()),
              null,
              TemplateOrigin.CONFIGURATION);
    } else if (request.usageType() != null) {
      String locale =
          request.locale() != null
              ? request.locale()
              : payload.get("locale") instanceof String s && !s.isBlank() ? s : null;
      template =
          templates
              .resolve(
                  active.map(AliyunDmConfig::templates).orElse(List.of()),
                  request.usageType(),
                  locale)
              .orElseThrow(
                  () ->
                      new MailException(
                          MailErrorCode.TEMPLATE_NOT_FOUND,
                          "Cannot find template for type: " + request.usageType()));
    } else {
      throw new MailException(MailErrorCode.INVALID_REQUEST, "Give a template or a usageType.");
    }
    return render(template, payload, active.map(AliyunDmConfig::fromAlias).orElse(null));
  }

  /** The one rendering of a mail, shared by {@link #send} and {@link #preview}. */
  private RenderedMail render(
      ResolvedTemplate template, Map<String, Object> payload, String configuredFromAlias) {
    String subject = renderer.renderSubject(template.subject(), payload);
    String body =
        template.format() == BodyFormat.TEXT
            ? renderer.renderTextBody(template.content(), payload)
            : renderer.renderHtmlBody(template.content(), payload);
    // A Logto template's sendFrom replaces the configured display name, placeholders filled in
    // like the subject's (one line), as Logto's connectors do.
    String sendFrom =
        template.sendFrom() == null || template.sendFrom().isEmpty()
            ? ""
            : renderer.renderSubject(template.sendFrom(), payload);
    String fromAlias =
        !sendFrom.isEmpty()
            ? sendFrom
            : configuredFromAlias == null || configuredFromAlias.isEmpty()
                ? null
                : TemplateRenderer.stripLineBreaks(configuredFromAlias);
    return new RenderedMail(
        template, truncate(subject, MAX_SUBJECT_LENGTH), body, template.format(), fromAlias);
  }

  /** Shortens to {@code max} chars without splitting a surrogate pair. */
  static String truncate(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }

  private static MailException refuse(
      MailErrorCode code, String message, Recipient recipient, String type) {
    MailSendLog.refused(code, type, recipient);
    return new MailException(code, message);
  }
}
