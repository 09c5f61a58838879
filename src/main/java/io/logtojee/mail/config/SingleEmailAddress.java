package io.logtojee.mail.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Exactly one plain e-mail address, by the same rules as a recipient ({@link
 * io.logtojee.mail.Recipient}); null is valid.
 */
@Documented
@Constraint(validatedBy = SingleEmailAddressValidator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface SingleEmailAddress {
  String message() default "must be a single email address, such as noreply@mail.example.com";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
