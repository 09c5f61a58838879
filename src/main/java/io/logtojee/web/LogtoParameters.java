package io.logtojee.web;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Logto's extra authorization parameters, checked against Logto's own enums. Logto validates them
 * all together and silently drops every one of them when a single value is invalid, so a wrong
 * value is refused here with a message instead of producing a sign-in page that ignores the rest.
 */
final class LogtoParameters {

  static final List<String> FIRST_SCREENS =
      List.of(
          "sign_in",
          "register",
          "reset_password",
          "identifier:sign_in",
          "identifier:register",
          "single_sign_on");

  private static final Set<String> IDENTIFIERS = Set.of("username", "email", "phone");
  private static final Pattern DIRECT_SIGN_IN =
      Pattern.compile("(social|sso):[A-Za-z0-9_-]{1,128}");
  private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern UI_LOCALES =
      Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*( [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*){0,9}");

  /** The request parameters this application forwards to Logto. */
  static final List<String> FORWARDED =
      List.of(
          "first_screen",
          "login_hint",
          "direct_sign_in",
          "organization_id",
          "identifier",
          "ui_locales");

  private LogtoParameters() {}

  /** A parameter that cannot be forwarded. */
  static final class InvalidParameter extends Exception {
    private static final long serialVersionUID = 1L;
    private final String name;

    InvalidParameter(String name, String message) {
      super(message);
      this.name = name;
    }

    String name() {
      return name;
    }
  }

  /**
   * Validates the forwarded parameters of a request.
   *
   * @param parameters the request's parameters
   * @param impliedFirstScreen {@code register} for {@code /sign-up}, else null
   * @return the parameters to add to the authorization request
   */
  static Map<String, String> validate(Map<String, String[]> parameters, String impliedFirstScreen)
      throws InvalidParameter {
    Map<String, String> accepted = new LinkedHashMap<>();
    for (String name : FORWARDED) {
      String[] values = parameters.get(name);
      if (values == null) {
        continue;
      }
      if (values.length != 1) {
        throw new InvalidParameter(name, name + " must be given once");
      }
      String value = values[0];
      check(name, value);
      accepted.put(name, value);
    }
    if (impliedFirstScreen != null) {
      String asked = accepted.get("first_screen");
      if (asked != null && !asked.equals(impliedFirstScreen)) {
        throw new InvalidParameter("first_screen", "first_screen cannot be combined with /sign-up");
      }
      accepted.put("first_screen", impliedFirstScreen);
    }
    if (accepted.containsKey("identifier")) {
      String screen = accepted.get("first_screen");
      if (screen == null
          || !(screen.startsWith("identifier:") || screen.equals("reset_password"))) {
        throw new InvalidParameter(
            "identifier",
            "identifier needs first_screen identifier:sign_in, identifier:register or"
                + " reset_password");
      }
    }
    return accepted;
  }

  private static void check(String name, String value) throws InvalidParameter {
    switch (name) {
      case "first_screen" -> {
        if (!FIRST_SCREENS.contains(value)) {
          throw new InvalidParameter(
              name, "first_screen must be one of " + String.join(", ", FIRST_SCREENS));
        }
      }
      case "direct_sign_in" -> {
        if (!DIRECT_SIGN_IN.matcher(value).matches()) {
          throw new InvalidParameter(
              name, "direct_sign_in must be social:<connector target> or sso:<connector id>");
        }
      }
      case "organization_id" -> {
        if (!ORGANIZATION_ID.matcher(value).matches()) {
          throw new InvalidParameter(
              name, "organization_id must be 1 to 128 letters, digits, '_' or '-'");
        }
      }
      case "identifier" -> {
        String[] parts = value.split(" ", -1);
        Set<String> seen = new HashSet<>();
        for (String part : parts) {
          if (!IDENTIFIERS.contains(part) || !seen.add(part)) {
            throw new InvalidParameter(
                name,
                "identifier must be distinct values of username, email and phone separated by spaces");
          }
        }
      }
      case "login_hint" -> {
        if (value.isEmpty()
            || value.length() > 256
            || value.chars().anyMatch(Character::isISOControl)) {
          throw new InvalidParameter(
              name, "login_hint must be 1 to 256 characters without control characters");
        }
      }
      case "ui_locales" -> {
        if (!UI_LOCALES.matcher(value).matches()) {
          throw new InvalidParameter(
              name, "ui_locales must be up to 10 language tags separated by spaces");
        }
      }
      default -> throw new InvalidParameter(name, "unsupported parameter " + name);
    }
  }
}
