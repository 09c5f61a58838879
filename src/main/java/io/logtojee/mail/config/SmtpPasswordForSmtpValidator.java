package io.logtojee.mail.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SmtpPasswordForSmtp}. */
public final class SmtpPasswordForSmtpValidator
    implements ConstraintValidator<SmtpPasswordForSmtp, AliyunDmConfig> {
  @Override
  public boolean isValid(AliyunDmConfig config, ConstraintValidatorContext context) {
    if (config == null) {
      return true;
    }
    String password = config.smtpPassword();
    boolean smtp = TransportKind.SMTP.configName().equals(config.transport());
    String message;
    if (password != null && password.isBlank()) {
      message = "must not be blank";
    } else if (smtp && password == null) {
      message = "must be set when transport is smtp";
    } else {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate(message)
        .addPropertyNode("smtpPassword")
        .addConstraintViolation();
    return false;
  }
}
