package io.logtojee.mail.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Objects;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Runs the Bean Validation rules of {@link AliyunDmConfig} and turns violations into {@link
 * ConfigViolation}s keyed by JSON path.
 *
 * <p>Messages are interpolated by {@link ParameterMessageInterpolator}, never by EL: Tomcat 10.1
 * and WildFly ship EL 5, and the WAR must not depend on EL at all.
 */
public final class MailConfigValidator implements AutoCloseable {
  private final ValidatorFactory factory;
  private final Validator validator;

  public MailConfigValidator(EndpointPolicy endpointPolicy) {
    Objects.requireNonNull(endpointPolicy, "endpointPolicy");
    this.factory =
        Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    this.validator =
        factory
            .unwrap(HibernateValidatorFactory.class)
            .usingContext()
            .constraintValidatorPayload(endpointPolicy)
            .getValidator();
  }

  /** Every violation of {@code config}, ordered by key; empty when the config is valid. */
  public List<ConfigViolation> validate(AliyunDmConfig config) {
    if (config == null) {
      return List.of(new ConfigViolation("json", "must be a JSON object"));
    }
    return validator.validate(config).stream()
        .map(MailConfigValidator::toViolation)
        .distinct()
        .sorted(ConfigViolation.ORDER)
        .toList();
  }

  /**
   * Every violation of the constraints on {@code request}, any annotated bean other than a whole
   * configuration (the admin console's preview request), keyed by its JSON path like a
   * configuration's.
   */
  public List<ConfigViolation> validateRequest(Object request) {
    if (request == null) {
      return List.of(new ConfigViolation("json", "must be a JSON object"));
    }
    return validator.validate(request).stream()
        .map(MailConfigValidator::toViolation)
        .distinct()
        .sorted(ConfigViolation.ORDER)
        .toList();
  }

  @Override
  public void close() {
    factory.close();
  }

  private static ConfigViolation toViolation(ConstraintViolation<?> violation) {
    // Hibernate Validator names container elements "<list element>"; the JSON path has only the
    // index, e.g. templates[2].
    String key =
        violation
            .getPropertyPath()
            .toString()
            .replace(".<list element>", "")
            .replace("<list element>", "");
    return new ConfigViolation(key.isEmpty() ? "json" : key, violation.getMessage());
  }
}
