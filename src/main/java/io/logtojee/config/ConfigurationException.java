package io.logtojee.config;

import java.util.List;

/** Thrown when settings are missing or invalid; its message lists every violation by key. */
public final class ConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<SettingViolation> violations;

  public ConfigurationException(List<SettingViolation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  public List<SettingViolation> violations() {
    return violations;
  }

  private static String describe(List<SettingViolation> violations) {
    StringBuilder text =
        new StringBuilder("Invalid configuration (")
            .append(violations.size())
            .append(violations.size() == 1 ? " problem):" : " problems):");
    for (SettingViolation violation : violations) {
      text.append("\n  ").append(violation.key()).append(": ").append(violation.message());
    }
    return text.toString();
  }
}
