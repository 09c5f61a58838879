package io.logtojee.mail.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One entry of Logto's {@code templates} array, plus our optional {@code locale}.
 *
 * @param usageType one of Logto's nine template types, e.g. SignIn
 * @param subject the subject line; placeholders allowed; at most 100 characters (DirectMail's
 *     limit)
 * @param content the body, sent as HTML; placeholders allowed
 * @param locale optional language tag such as {@code en} or {@code zh-CN}; templates without one
 *     are the default for their type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailTemplate(
    @NotBlank(message = "must not be blank")
        @Pattern(
            regexp =
                "SignIn|Register|ForgotPassword|OrganizationInvitation|Generic"
                    + "|UserPermissionValidation|BindNewIdentifier|MfaVerification|BindMfa",
            message =
                "must be one of SignIn, Register, ForgotPassword, OrganizationInvitation, Generic,"
                    + " UserPermissionValidation, BindNewIdentifier, MfaVerification, BindMfa")
        String usageType,
    @NotBlank(message = "must not be blank")
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = SingleLine.PATTERN, message = "must be a single line")
        String subject,
    @NotBlank(message = "must not be blank") String content,
    @Pattern(
            regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*",
            message = "must be a language tag such as en or zh-CN")
        String locale) {

  /** A template without a locale, as Logto's console writes them. */
  public MailTemplate(String usageType, String subject, String content) {
    this(usageType, subject, content, null);
  }
}
