package io.logtojee.mail.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.config.MailTemplate;
import io.logtojee.mail.template.logto.LogtoEmailTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logto's template first, then the configuration's, and the console's overview of both. */
class TemplateResolverTest {
  private static final List<MailTemplate> CONFIG =
      List.of(
          new MailTemplate("SignIn", "Config sign-in", "<p>{{code}}</p>"),
          new MailTemplate("SignIn", "Config connexion", "<p>{{code}}</p>", "fr"),
          new MailTemplate("Generic", "Config code", "<p>{{code}}</p>"));

  private final TemplateResolver resolver =
      new TemplateResolver(
          new FixedLogtoTemplates(
              "en",
              new LogtoEmailTemplate(
                  "de", "SignIn", "Logto Anmeldung", "x", BodyFormat.HTML, null)));

  @Test
  void logtosTemplateComesBeforeTheConfigurations() {
    ResolvedTemplate template = resolver.resolve(CONFIG, "SignIn", "de").orElseThrow();

    assertEquals("Logto Anmeldung", template.subject());
    assertEquals(TemplateOrigin.LOGTO, template.origin());
  }

  @Test
  void withoutOneTheConfigurationsIsChosenAsBefore() {
    ResolvedTemplate fr = resolver.resolve(CONFIG, "SignIn", "fr").orElseThrow();
    assertEquals("Config connexion", fr.subject());
    assertEquals(TemplateOrigin.CONFIGURATION, fr.origin());
    assertEquals(BodyFormat.HTML, fr.format());
    assertNull(fr.sendFrom());
    assertEquals("Config code", resolver.resolve(CONFIG, "Register", "fr").orElseThrow().subject());
  }

  @Test
  void withoutLogtoOnlyTheConfigurationCounts() {
    TemplateResolver configOnly = new TemplateResolver(LogtoTemplates.none());

    assertEquals(
        "Config sign-in", configOnly.resolve(CONFIG, "SignIn", "de").orElseThrow().subject());
    assertEquals(false, configOnly.overview(CONFIG).logto().configured());
  }

  @Test
  void theOverviewHasEveryTypeForNoLocaleAndEachKnownLocale() {
    TemplateOverview overview = resolver.overview(CONFIG);

    // Locales: none, then de (Logto), en (fallback language) and fr (configuration), sorted.
    assertEquals(9 * 4, overview.rows().size());
    TemplateOverview.Row signInDe = overview.rows().get(1);
    assertEquals("SignIn", signInDe.usageType());
    assertEquals("de", signInDe.locale());
    assertEquals(TemplateOrigin.LOGTO, signInDe.template().origin());
    TemplateOverview.Row signInFr = overview.rows().get(3);
    assertEquals("fr", signInFr.locale());
    assertEquals(TemplateOrigin.CONFIGURATION, signInFr.template().origin());
    assertEquals("Config connexion", signInFr.template().subject());
  }

  @Test
  void aTypeWithoutAnyTemplateHasNoneInTheOverview() {
    TemplateOverview overview =
        new TemplateResolver(LogtoTemplates.none())
            .overview(List.of(new MailTemplate("SignIn", "Only", "x")));

    assertNull(overview.rows().get(1).template(), "Register: no template, no Generic");
  }
}
