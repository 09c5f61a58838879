package io.logtojee.mail.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link RequiredTemplates}. */
public final class RequiredTemplatesValidator
    implements ConstraintValidator<RequiredTemplates, AliyunDmConfig> {
  /** In the order Logto's console lists them. */
  static final List<String> REQUIRED = List.of("Register", "SignIn", "ForgotPassword", "Generic");

  @Override
  public boolean isValid(AliyunDmConfig config, ConstraintValidatorContext context) {
    if (config == null || config.templates() == null) {
      return true; // @NotNull on templates reports the absence
    }
    Set<String> present =
        config.templates().stream()
            .filter(Objects::nonNull)
            .map(MailTemplate::usageType)
            .collect(Collectors.toSet());
    List<String> missing = REQUIRED.stream().filter(t -> !present.contains(t)).toList();
    if (missing.isEmpty()) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    // The names go in as a message parameter, not into the template text, so nothing in them is
    // ever interpolated.
    context
        .unwrap(HibernateConstraintValidatorContext.class)
        .addMessageParameter(
            "missing",
            "must include a template for each of Register, SignIn, ForgotPassword and Generic;"
                + " missing: "
                + String.join(", ", missing))
        .buildConstraintViolationWithTemplate("{missing}")
        .addPropertyNode("templates")
        .addConstraintViolation();
    return false;
  }
}
