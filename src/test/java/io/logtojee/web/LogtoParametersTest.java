package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogtoParametersTest {

  private static Map<String, String[]> params(String... nameValues) {
    Map<String, String[]> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      map.put(nameValues[i], new String[] {nameValues[i + 1]});
    }
    return map;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sign_in",
        "register",
        "reset_password",
        "identifier:sign_in",
        "identifier:register",
        "single_sign_on"
      })
  void validateAcceptsEveryFirstScreenOfLogto(String screen) throws Exception {
    assertEquals(
        Map.of("first_screen", screen),
        LogtoParameters.validate(params("first_screen", screen), null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"identifier:sign-in", "signIn", "SIGN_IN", "", "register "})
  void validateRefusesFirstScreensOutsideLogtosEnum(String screen) {
    LogtoParameters.InvalidParameter e =
        assertThrows(
            LogtoParameters.InvalidParameter.class,
            () -> LogtoParameters.validate(params("first_screen", screen), null));
    assertEquals("first_screen", e.name());
  }

  @Test
  void validateForSignUpImpliesRegister() throws Exception {
    assertEquals(
        Map.of("first_screen", "register", "login_hint", "a@b.test"),
        LogtoParameters.validate(params("login_hint", "a@b.test"), "register"));
  }

  @Test
  void validateForSignUpRefusesAnotherFirstScreen() {
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("first_screen", "sign_in"), "register"));
  }

  @Test
  void validateAcceptsIdentifierOnlyWithAnIdentifierScreen() throws Exception {
    assertEquals(
        Map.of("first_screen", "identifier:register", "identifier", "email phone"),
        LogtoParameters.validate(
            params("first_screen", "identifier:register", "identifier", "email phone"), null));
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("identifier", "email"), null));
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () ->
            LogtoParameters.validate(
                params("first_screen", "identifier:sign_in", "identifier", "email email"), null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"social:google", "sso:abc_123", "social:github-enterprise"})
  void validateAcceptsDirectSignInTargets(String target) throws Exception {
    assertEquals(
        Map.of("direct_sign_in", target),
        LogtoParameters.validate(params("direct_sign_in", target), null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"google", "social:", "oauth:x", "social:a b"})
  void validateRefusesMalformedDirectSignIn(String target) {
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("direct_sign_in", target), null));
  }

  @Test
  void validateRefusesRepeatedParameters() {
    Map<String, String[]> repeated = Map.of("login_hint", new String[] {"a", "b"});

    assertThrows(
        LogtoParameters.InvalidParameter.class, () -> LogtoParameters.validate(repeated, null));
  }

  @Test
  void validateAcceptsIdentifierWithResetPasswordButNotWithAnotherScreen() throws Exception {
    assertEquals(
        Map.of("first_screen", "reset_password", "identifier", "email"),
        LogtoParameters.validate(
            params("first_screen", "reset_password", "identifier", "email"), null));
    LogtoParameters.InvalidParameter e =
        assertThrows(
            LogtoParameters.InvalidParameter.class,
            () ->
                LogtoParameters.validate(
                    params("first_screen", "sign_in", "identifier", "email"), null));
    assertEquals("identifier", e.name());
  }

  @Test
  void validateForSignUpAcceptsRegisterAskedExplicitly() throws Exception {
    assertEquals(
        Map.of("first_screen", "register"),
        LogtoParameters.validate(params("first_screen", "register"), "register"));
  }

  @Test
  void validateAcceptsALoginHintOfUpTo256Characters() throws Exception {
    String longest = "h".repeat(256);

    assertEquals(
        Map.of("login_hint", longest),
        LogtoParameters.validate(params("login_hint", longest), null));
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("login_hint", longest + "h"), null));
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("login_hint", ""), null));
  }

  @Test
  void validateRefusesControlCharactersInLoginHint() {
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("login_hint", "a\nb"), null));
  }

  @Test
  void validateChecksOrganizationIdAndUiLocales() throws Exception {
    assertEquals(
        Map.of("organization_id", "org_1", "ui_locales", "fr-CA en"),
        LogtoParameters.validate(
            params("organization_id", "org_1", "ui_locales", "fr-CA en"), null));
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("organization_id", "../x"), null));
    assertThrows(
        LogtoParameters.InvalidParameter.class,
        () -> LogtoParameters.validate(params("ui_locales", "en;drop"), null));
  }
}
