package io.logtojee.config;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of one deployment, read once at start-up and grouped by capability, so that each
 * part of the application is handed only its own group (sign-in never sees the mail settings).
 *
 * @param logto the Logto tenant and this application's client there
 * @param sessions browser session lifetimes
 * @param mail the DirectMail sender's deployment settings
 * @param admin who may use the admin console
 * @param state where the state several nodes share is kept
 */
public record AppSettings(
    LogtoSettings logto,
    SessionSettings sessions,
    MailSettings mail,
    AdminSettings admin,
    StateStoreSettings state) {

  /** The settings classes, in the order the README lists them. */
  public static final List<Class<?>> GROUPS =
      List.of(
          LogtoSettings.class,
          SessionSettings.class,
          MailSettings.class,
          AdminSettings.class,
          StateStoreSettings.class);

  /** Every setting the application reads, group by group in declaration order. */
  public static List<Setting> declared() {
    List<Setting> declared = new ArrayList<>();
    for (Class<?> group : GROUPS) {
      for (Field field : group.getDeclaredFields()) {
        Setting setting = field.getAnnotation(Setting.class);
        if (setting != null) {
          declared.add(setting);
        }
      }
    }
    return List.copyOf(declared);
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConfigurationException listing every violation by key, of every group at once
   */
  public static AppSettings load(SettingsSource source) {
    AppSettings settings =
        new AppSettings(
            SettingsBinder.bind(new LogtoSettings(), source),
            SettingsBinder.bind(new SessionSettings(), source),
            SettingsBinder.bind(new MailSettings(), source),
            SettingsBinder.bind(new AdminSettings(), source),
            SettingsBinder.bind(new StateStoreSettings(), source));
    List<SettingViolation> violations = new ArrayList<>();
    for (Object group :
        List.of(settings.logto, settings.sessions, settings.mail, settings.admin, settings.state)) {
      violations.addAll(SettingsValidator.violations(group));
    }
    return SettingsValidator.requireValid(settings, violations);
  }

  /** A description safe to log: secrets are never included. */
  @Override
  public String toString() {
    return "AppSettings["
        + logto
        + ", "
        + sessions
        + ", "
        + mail
        + ", "
        + admin
        + ", "
        + state
        + "]";
  }
}
