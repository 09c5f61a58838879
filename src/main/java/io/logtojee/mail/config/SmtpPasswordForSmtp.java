package io.logtojee.mail.config;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * {@code smtpPassword} must be non-blank when {@code transport} is smtp, and must not be blank when
 * given at all. Reported on {@code smtpPassword}.
 */
@Documented
@Constraint(validatedBy = SmtpPasswordForSmtpValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface SmtpPasswordForSmtp {
  String message() default "must not be blank when transport is smtp";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
