package io.logtojee.mail.sending;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A template as the admin console's editor holds it, not yet saved: what a preview renders. The
 * limits only bound the work a preview does; whether the template may be saved is the
 * configuration's rules' business ({@code /validate}), so a subject that is too long for DirectMail
 * still previews (shortened, as the sender shortens it).
 *
 * @param usageType the template's type, e.g. SignIn
 * @param locale its language tag, or null
 * @param subject the subject template
 * @param content the body template
 * @param contentType {@code text/html} (also when null) or {@code text/plain}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateDraft(
    @NotBlank(message = "must not be blank")
        @Pattern(
            regexp = MailService.TYPE_NAME_PATTERN,
            message = "must be a template type such as SignIn")
        String usageType,
    @Pattern(regexp = PreviewRequest.LANGUAGE_TAG, message = "must be a language tag such as en")
        String locale,
    @NotNull(message = "must not be null")
        @Size(max = PreviewRequest.MAX_SUBJECT_CHARS, message = "must be at most 1000 characters")
        String subject,
    @NotNull(message = "must not be null")
        @Size(max = PreviewRequest.MAX_CONTENT_CHARS, message = "must be at most 50000 characters")
        String content,
    @Pattern(regexp = "text/html|text/plain", message = "must be text/html or text/plain")
        String contentType) {}
