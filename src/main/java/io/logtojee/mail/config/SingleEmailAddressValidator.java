package io.logtojee.mail.config;

import io.logtojee.mail.Recipient;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SingleEmailAddress}. */
public final class SingleEmailAddressValidator
    implements ConstraintValidator<SingleEmailAddress, String> {
  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    // Blank values are @NotBlank's to report.
    return value == null || value.isBlank() || Recipient.problemWith(value).isEmpty();
  }
}
