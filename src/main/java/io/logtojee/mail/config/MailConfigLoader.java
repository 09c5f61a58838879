package io.logtojee.mail.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reads the mail configuration from JSON and validates it.
 *
 * <p>Parsing is strict (unknown keys, duplicate keys and wrong types are violations) so that a typo
 * in a hand-edited file is reported instead of silently ignored. Messages name the key and
 * position, never the value, because a broken file may break inside the secret.
 */
public final class MailConfigLoader implements AutoCloseable {
  private final ObjectMapper mapper;
  private final MailConfigValidator validator;

  public MailConfigLoader(MailConfigValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(
                LogicalType.Textual,
                textual ->
                    textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
  }

  /**
   * Parses and validates {@code json}.
   *
   * @throws InvalidMailConfigException listing every problem, syntax or rule
   */
  public AliyunDmConfig parse(String json) {
    AliyunDmConfig config = parseUnvalidated(json);
    List<ConfigViolation> violations = validator.validate(config);
    if (!violations.isEmpty()) {
      throw new InvalidMailConfigException(violations);
    }
    return config;
  }

  /**
   * Parses {@code json} checking only syntax and types; for admin updates, which fill in omitted
   * secrets before validating.
   *
   * @throws InvalidMailConfigException for a syntax or type problem
   */
  public AliyunDmConfig parseUnvalidated(String json) {
    try {
      AliyunDmConfig config = mapper.readValue(json == null ? "" : json, AliyunDmConfig.class);
      if (config == null) {
        throw new InvalidMailConfigException(
            List.of(new ConfigViolation("json", "must be a JSON object")));
      }
      return config;
    } catch (JsonProcessingException e) {
      throw new InvalidMailConfigException(List.of(describe(e)));
    }
  }

  /**
   * What can be read of a configuration that failed validation, so that an admin fixing it need not
   * re-enter the secrets it holds; null when it cannot even be parsed.
   */
  public AliyunDmConfig secretsOfInvalid(String json) {
    try {
      return parseUnvalidated(json);
    } catch (InvalidMailConfigException e) {
      return null;
    }
  }

  /**
   * Reads and validates the UTF-8 file at {@code file}.
   *
   * @throws java.nio.file.NoSuchFileException when there is no file
   * @throws IOException when it cannot be read
   * @throws InvalidMailConfigException when it is not a valid configuration
   */
  public AliyunDmConfig load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Every rule violation of {@code config}, ordered by key. */
  public List<ConfigViolation> validate(AliyunDmConfig config) {
    return validator.validate(config);
  }

  /** Every constraint violation of an annotated request body, ordered by key. */
  public List<ConfigViolation> validateRequest(Object request) {
    return validator.validateRequest(request);
  }

  /** {@code config} as indented UTF-8 JSON, secrets included: for the owner-only config file. */
  public byte[] toJson(AliyunDmConfig config) {
    try {
      return mapper.writeValueAsBytes(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a config record always serialises", e);
    }
  }

  private static ConfigViolation describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new ConfigViolation(pathOf(unknown), "is not a known setting" + knownHint(unknown));
    }
    if (e instanceof MismatchedInputException mismatch) {
      return new ConfigViolation(pathOf(mismatch), "must be " + describeType(mismatch));
    }
    JsonProcessingException syntax = syntaxErrorIn(e);
    String where = at(syntax.getLocation());
    if (syntax instanceof JsonEOFException) {
      return new ConfigViolation("json", "ends unexpectedly" + where + "; is the file truncated?");
    }
    if (String.valueOf(syntax.getOriginalMessage()).startsWith("Duplicate field")) {
      return new ConfigViolation("json", "has a duplicate key" + where);
    }
    if (syntax == e && e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return new ConfigViolation(pathOf(mapping), "has an unexpected value" + where);
    }
    return new ConfigViolation("json", "is not valid JSON" + where);
  }

  /** The parser's own exception, which data binding may have wrapped to add a path. */
  private static JsonProcessingException syntaxErrorIn(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonParseException parse) {
        return parse;
      }
    }
    return e;
  }

  private static String knownHint(UnrecognizedPropertyException e) {
    Collection<Object> known = e.getKnownPropertyIds();
    return known == null || known.isEmpty()
        ? ""
        : " (known: " + known.stream().map(String::valueOf).sorted().toList() + ")";
  }

  private static String describeType(MismatchedInputException e) {
    Class<?> type = e.getTargetType();
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list (JSON array)";
    }
    return "a JSON object";
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder key = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (key.length() > 0) {
          key.append('.');
        }
        key.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        key.append('[').append(ref.getIndex()).append(']');
      }
    }
    return key.length() == 0 ? "json" : key.toString();
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Releases the validator's resources, when the application stops. */
  @Override
  public void close() {
    validator.close();
  }
}
