package io.logtojee.mail.config;

import java.util.Arrays;
import java.util.Optional;

/** How mail leaves: DirectMail's HTTP API (the default) or its SMTP interface. */
public enum TransportKind {
  API("api"),
  SMTP("smtp");

  static final String NAME_PATTERN = "api|smtp";

  private final String configName;

  TransportKind(String configName) {
    this.configName = configName;
  }

  /** The value of {@code transport} in the JSON configuration. */
  public String configName() {
    return configName;
  }

  public static Optional<TransportKind> fromConfigName(String name) {
    return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
  }
}
