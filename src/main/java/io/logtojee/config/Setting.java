package io.logtojee.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the deployment key a field is read from, so that a violation on the field is reported under
 * the key an operator actually sets.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Setting {

  /** The key, for example {@code LOGTO_ENDPOINT}. */
  String value();

  /** Whether the value is a secret: it is then never logged or echoed. */
  boolean secret() default false;

  /** The value used when no source defines the key; empty means the setting has no default. */
  String defaultValue() default "";
}
