package io.logtojee.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An absolute {@code http} or {@code https} URL with a host, and without user info, query or
 * fragment. Null is valid; combine with {@code @NotBlank} for required settings.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@Constraint(validatedBy = HttpUrlValidator.class)
public @interface HttpUrl {

  String message() default
      "must be an absolute http or https URL without user info, query or fragment";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
