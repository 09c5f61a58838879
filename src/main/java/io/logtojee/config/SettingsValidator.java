package io.logtojee.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation for settings objects. Messages are interpolated without Jakarta EL: Tomcat 10.1
 * and WildFly ship EL 5, Hibernate Validator 9 wants EL 6, and a message must never quote a
 * (possibly secret) value anyway.
 */
public final class SettingsValidator {

  private static final ValidatorFactory FACTORY =
      Validation.byProvider(HibernateValidator.class)
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();

  private SettingsValidator() {}

  /** The shared validator; thread-safe. */
  public static Validator validator() {
    return FACTORY.getValidator();
  }

  /** Validates {@code settings} and returns its violations keyed by {@link Setting} names. */
  public static List<SettingViolation> violations(Object settings) {
    Set<ConstraintViolation<Object>> found = validator().validate(settings);
    List<SettingViolation> result = new ArrayList<>();
    for (ConstraintViolation<Object> violation : found) {
      result.add(
          new SettingViolation(
              keyOf(settings.getClass(), violation.getPropertyPath().toString()),
              violation.getMessage()));
    }
    result.sort(null);
    return result;
  }

  /** Throws {@link ConfigurationException} listing every violation, if there is any. */
  public static <T> T requireValid(T settings, List<SettingViolation> earlierViolations) {
    List<SettingViolation> all = new ArrayList<>(earlierViolations);
    all.addAll(violations(settings));
    if (!all.isEmpty()) {
      all.sort(null);
      throw new ConfigurationException(all);
    }
    return settings;
  }

  private static String keyOf(Class<?> type, String propertyPath) {
    // Cross-field rules are getters such as isClockSkewSecondsInRange(): their property starts
    // with the name of the field they check.
    Field best = null;
    for (Field field : type.getDeclaredFields()) {
      if (field.isAnnotationPresent(Setting.class)
          && propertyPath.startsWith(field.getName())
          && (best == null || field.getName().length() > best.getName().length())) {
        best = field;
      }
    }
    if (best != null) {
      return best.getAnnotation(Setting.class).value();
    }
    return propertyPath.isEmpty() ? "(settings)" : propertyPath;
  }
}
