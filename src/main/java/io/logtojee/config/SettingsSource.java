package io.logtojee.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where a setting comes from. The deployed application looks in JVM system properties, then
 * environment variables, then {@code java:comp/env} JNDI entries, so that the same WAR can be
 * configured by {@code setenv.sh}, a WildFly CLI script or a Tomcat context descriptor.
 */
@FunctionalInterface
public interface SettingsSource {

  /** Returns the non-blank value of {@code key}, trimmed, if any layer defines it. */
  Optional<String> get(String key);

  /** The layered source used by the deployed application. */
  static SettingsSource deployment() {
    return layered(System::getProperty, System::getenv, SettingsSource::jndiEnvironmentEntry);
  }

  /** A fixed source, for tests and tools. */
  static SettingsSource of(Map<String, String> values) {
    return layered(values::get);
  }

  @SafeVarargs
  static SettingsSource layered(Function<String, String>... layers) {
    return key -> {
      for (Function<String, String> layer : layers) {
        String value = layer.apply(key);
        if (value != null && !value.isBlank()) {
          return Optional.of(value.trim());
        }
      }
      return Optional.empty();
    };
  }

  private static String jndiEnvironmentEntry(String key) {
    try {
      Object value = new InitialContext().lookup("java:comp/env/" + key);
      return value == null ? null : value.toString();
    } catch (NamingException | RuntimeException e) {
      // No naming context or no such entry: the layer simply has no value.
      return null;
    }
  }
}
