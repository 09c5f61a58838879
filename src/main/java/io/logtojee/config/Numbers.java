package io.logtojee.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shared parsing rules of the settings classes, so a whole number or a list reads the same way. */
final class Numbers {

  static final String WHOLE_NUMBER = "[0-9]{1,6}";

  private Numbers() {}

  /** True when the value is not a whole number (another rule reports that) or lies in range. */
  static boolean inRange(String value, int min, int max) {
    if (!isWholeNumber(value)) {
      return true;
    }
    int number = Integer.parseInt(value);
    return number >= min && number <= max;
  }

  static boolean isWholeNumber(String value) {
    return value != null && value.matches(WHOLE_NUMBER);
  }

  static List<String> split(String value) {
    List<String> parts = new ArrayList<>();
    Arrays.stream(value.split("[ ,]+")).filter(part -> !part.isBlank()).forEach(parts::add);
    return List.copyOf(parts);
  }

  static String stripTrailingSlash(String value) {
    if (value == null) {
      return null;
    }
    String result = value;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }
}
