package io.logtojee.mail.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.config.MailTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** (type, locale), then type, then (Generic, locale), then Generic. */
class TemplateSelectorTest {
  private final TemplateSelector selector = new TemplateSelector();

  private static MailTemplate t(String type, String locale, String subject) {
    return new MailTemplate(type, subject, "body", locale);
  }

  private String subjectFor(List<MailTemplate> templates, String type, String locale) {
    return selector.select(templates, type, locale).map(MailTemplate::subject).orElse("none");
  }

  private final List<MailTemplate> templates =
      List.of(
          t("SignIn", "zh-CN", "signin-zh-CN"),
          t("SignIn", null, "signin-default"),
          t("SignIn", "fr", "signin-fr"),
          t("Register", "de", "register-de"),
          t("Generic", "zh-CN", "generic-zh-CN"),
          t("Generic", null, "generic-default"));

  @Test
  void typeAndLocaleComeFirst() {
    assertEquals("signin-zh-CN", subjectFor(templates, "SignIn", "zh-CN"));
  }

  @Test
  void localeMatchIgnoresCaseAndUnderscore() {
    assertEquals("signin-zh-CN", subjectFor(templates, "SignIn", "zh_cn"));
  }

  @Test
  void primaryLanguageMatchesARegionalLocale() {
    assertEquals("signin-fr", subjectFor(templates, "SignIn", "fr-CA"));
  }

  @Test
  void thenTheTypesDefaultTemplate() {
    assertEquals("signin-default", subjectFor(templates, "SignIn", "ja"));
    assertEquals("signin-default", subjectFor(templates, "SignIn", null));
  }

  @Test
  void thenAnyTemplateOfTheTypeWhenNoneIsUnlocalised() {
    assertEquals("register-de", subjectFor(templates, "Register", "en"));
  }

  @Test
  void thenGenericInTheLocale() {
    assertEquals("generic-zh-CN", subjectFor(templates, "MfaVerification", "zh-CN"));
  }

  @Test
  void thenGeneric() {
    assertEquals("generic-default", subjectFor(templates, "MfaVerification", "en"));
    assertEquals("generic-default", subjectFor(templates, "NoSuchType", null));
  }

  @Test
  void nothingWithoutAGenericTemplate() {
    Optional<MailTemplate> none =
        selector.select(List.of(t("SignIn", null, "s")), "Register", "en");
    assertTrue(none.isEmpty());
  }

  @Test
  void theFirstMatchInListOrderWins() {
    List<MailTemplate> duplicates =
        List.of(t("SignIn", null, "first"), t("SignIn", null, "second"));
    assertEquals("first", subjectFor(duplicates, "SignIn", null));
  }

  @Test
  void typesAreCaseSensitiveLikeLogto() {
    assertEquals("generic-default", subjectFor(templates, "signin", null));
  }
}
