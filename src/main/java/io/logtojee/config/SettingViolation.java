package io.logtojee.config;

/** One problem with one setting. The message never quotes the value, which may be a secret. */
public record SettingViolation(String key, String message) implements Comparable<SettingViolation> {

  @Override
  public int compareTo(SettingViolation other) {
    int byKey = key.compareTo(other.key);
    return byKey != 0 ? byKey : message.compareTo(other.message);
  }
}
