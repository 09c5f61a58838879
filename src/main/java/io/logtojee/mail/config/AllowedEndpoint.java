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
 * An endpoint override that {@link EndpointPolicy} allows: an https URL on a host ending in {@code
 * .aliyuncs.com}, with no user info, query or fragment and at most the path {@code /}. The policy
 * comes from the validator's constraint-validator payload; without one the strict rule applies.
 */
@Documented
@Constraint(validatedBy = AllowedEndpointValidator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface AllowedEndpoint {
  String message() default
      "must be an https URL on a host ending in .aliyuncs.com, such as https://dm.aliyuncs.com/";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
