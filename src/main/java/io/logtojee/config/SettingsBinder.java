package io.logtojee.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Fills the {@link Setting} fields of a settings object from a {@link SettingsSource}, so each key
 * and its default are written once, on the field that holds them.
 */
final class SettingsBinder {

  private SettingsBinder() {}

  static <T> T bind(T settings, SettingsSource source) {
    for (Field field : settings.getClass().getDeclaredFields()) {
      Setting setting = field.getAnnotation(Setting.class);
      if (setting == null || Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      String fallback = setting.defaultValue().isEmpty() ? null : setting.defaultValue();
      try {
        field.setAccessible(true);
        field.set(settings, source.get(setting.value()).orElse(fallback));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot set " + field, e);
      }
    }
    return settings;
  }
}
