package io.logtojee.config;

import jakarta.validation.constraints.Pattern;

/** Who may use the admin console: holders of one Logto role. */
public final class AdminSettings {

  @Setting(value = "ADMIN_ROLE", defaultValue = "admin")
  @Pattern(regexp = "[^\\s,]{1,128}", message = "must be one role name without spaces or commas")
  private String adminRole;

  AdminSettings() {}

  /** The Logto role whose holders may use the admin console. */
  public String role() {
    return adminRole;
  }

  @Override
  public String toString() {
    return "adminRole=" + adminRole;
  }
}
