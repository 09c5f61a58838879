package io.logtojee.mail.sending;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * What the admin console asks to preview: either a {@code template} from its editor, or the
 * template the sender would choose for {@code usageType} and {@code locale}; rendered with {@code
 * payload}, a sample of what Logto sends.
 *
 * @param template an unsaved template to render, or null to render the one a mail would get
 * @param usageType the mail's type when {@code template} is null
 * @param locale the mail's locale when {@code template} is null; else {@code payload.locale}
 * @param payload the sample payload; null means empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PreviewRequest(
    @Valid TemplateDraft template,
    @Pattern(
            regexp = MailService.TYPE_NAME_PATTERN,
            message = "must be a template type such as SignIn")
        String usageType,
    @Pattern(regexp = LANGUAGE_TAG, message = "must be a language tag such as en") String locale,
    Map<String, Object> payload) {

  static final String LANGUAGE_TAG = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}";
  static final int MAX_SUBJECT_CHARS = 1000;
  static final int MAX_CONTENT_CHARS = 50_000;

  public PreviewRequest {
    payload = payload == null ? Map.of() : payload;
  }

  /** A preview needs to know which template: the editor's, or the one a type gets. */
  @JsonIgnore
  @AssertTrue(message = "give a template or a usageType")
  public boolean isTemplateOrUsageTypeGiven() {
    return template != null || usageType != null;
  }
}
