package io.logtojee.mail.config;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Logto's rule: templates for Register, SignIn, ForgotPassword and Generic must all be present. One
 * violation on {@code templates} names every missing type.
 */
@Documented
@Constraint(validatedBy = RequiredTemplatesValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface RequiredTemplates {
  String message() default "{missing}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
