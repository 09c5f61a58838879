package io.logtojee.mail.config;

import static io.logtojee.mail.MailFixtures.validConfigJsonWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailFixtures;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A valid baseline, then one broken field per test with the exact key and message. */
class AliyunDmConfigValidationTest {
  private static final MailConfigValidator STRICT =
      new MailConfigValidator(EndpointPolicy.strict());
  private static final MailConfigLoader LOADER = new MailConfigLoader(STRICT);
  private static final MailConfigValidator LOOPBACK =
      new MailConfigValidator(EndpointPolicy.allowingLoopbackForTests());

  @AfterAll
  static void closeValidators() {
    STRICT.close();
    LOOPBACK.close();
  }

  private static List<String> violationsOf(String json) {
    InvalidMailConfigException e =
        assertThrows(InvalidMailConfigException.class, () -> LOADER.parse(json));
    assertEquals(MailErrorCode.CONFIG_VIOLATIONS, e.code());
    return e.violations().stream().map(ConfigViolation::toString).toList();
  }

  private static List<String> violationsAfter(Consumer<ObjectNode> edit) {
    return violationsOf(validConfigJsonWith(edit));
  }

  private static ObjectNode template(ObjectNode config, int index) {
    return (ObjectNode) config.withArray("templates").get(index);
  }

  @Test
  void validBaselineLoadsWithDefaults() {
    AliyunDmConfig config = LOADER.parse(MailFixtures.resource("config-valid.json"));
    assertEquals("test-key-id", config.accessKeyId());
    assertEquals(5, config.templates().size());
    assertEquals("zh-CN", config.templates().get(4).locale());
    assertEquals(AliyunDmRegion.CN_HANGZHOU, config.region());
    assertEquals(TransportKind.API, config.transportKind());
    assertEquals("https://dm.aliyuncs.com/", config.apiEndpoint().toString());
  }

  @Test
  void logtoConsoleJsonPastedVerbatimLoads() {
    AliyunDmConfig config = LOADER.parse(MailFixtures.resource("logto-console-config.json"));
    assertEquals(9, config.templates().size());
    assertEquals(AliyunDmRegion.AP_SOUTHEAST_1, config.region());
    assertEquals("https://dm.ap-southeast-1.aliyuncs.com/", config.apiEndpoint().toString());
    assertEquals("Example", config.fromAlias());
  }

  @Test
  void blankAccessKeyIdIsReported() {
    assertEquals(
        List.of("accessKeyId: must not be blank"),
        violationsAfter(c -> c.put("accessKeyId", "  ")));
  }

  @Test
  void missingAccessKeySecretIsReported() {
    assertEquals(
        List.of("accessKeySecret: must not be blank"),
        violationsAfter(c -> c.remove("accessKeySecret")));
  }

  @Test
  void blankAccountNameIsReportedOnce() {
    assertEquals(
        List.of("accountName: must not be blank"), violationsAfter(c -> c.put("accountName", "")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@mail.example.com,b@mail.example.com",
        "a@mail.example.com;b@mail.example.com",
        "Example <noreply@mail.example.com>",
        "noreply",
        "noreply@mail.example.com\r\nBcc: x@evil.test"
      })
  void accountNameMustBeOneAddress(String accountName) {
    assertEquals(
        List.of("accountName: must be a single email address, such as noreply@mail.example.com"),
        violationsAfter(c -> c.put("accountName", accountName)));
  }

  @Test
  void fromAliasOfSixteenCharactersIsReported() {
    assertEquals(
        List.of("fromAlias: must be at most 15 characters"),
        violationsAfter(c -> c.put("fromAlias", "A".repeat(16))));
  }

  @Test
  void fromAliasOfFifteenCjkCharactersIsValid() {
    LOADER.parse(validConfigJsonWith(c -> c.put("fromAlias", "阿".repeat(15))));
  }

  @Test
  void fromAliasWithALineBreakIsReported() {
    assertEquals(
        List.of("fromAlias: must be a single line"),
        violationsAfter(c -> c.put("fromAlias", "Ex\r\nBcc: a")));
  }

  @Test
  void unknownRegionIsReported() {
    assertEquals(
        List.of(
            "regionId: must be one of cn-hangzhou, ap-southeast-1, ap-southeast-2, us-east-1,"
                + " eu-central-1"),
        violationsAfter(c -> c.put("regionId", "cn-beijing")));
  }

  @Test
  void everyRegionIsAcceptedAndMapsToItsHosts() {
    for (AliyunDmRegion region : AliyunDmRegion.values()) {
      AliyunDmConfig config =
          LOADER.parse(validConfigJsonWith(c -> c.put("regionId", region.id())));
      assertEquals(region, config.region());
      assertTrue(config.apiEndpoint().getHost().endsWith(".aliyuncs.com"));
    }
    assertEquals(
        Arrays.stream(AliyunDmRegion.values()).map(AliyunDmRegion::id).toList(),
        List.of(AliyunDmRegion.ID_PATTERN.split("\\|")));
  }

  @Test
  void absentRegionDefaultsToHangzhou() {
    AliyunDmConfig config = LOADER.parse(validConfigJsonWith(c -> c.remove("regionId")));
    assertEquals(AliyunDmRegion.CN_HANGZHOU, config.region());
  }

  @Test
  void subjectOfOneHundredAndOneCharactersIsReported() {
    assertEquals(
        List.of("templates[1].subject: must be at most 100 characters"),
        violationsAfter(c -> template(c, 1).put("subject", "s".repeat(101))));
  }

  @Test
  void subjectWithALineBreakIsReported() {
    assertEquals(
        List.of("templates[1].subject: must be a single line"),
        violationsAfter(c -> template(c, 1).put("subject", "Hi\nBcc: x@evil.test")));
  }

  @Test
  void unknownUsageTypeIsReported() {
    assertEquals(
        List.of(
            "templates[4].usageType: must be one of SignIn, Register, ForgotPassword,"
                + " OrganizationInvitation, Generic, UserPermissionValidation, BindNewIdentifier,"
                + " MfaVerification, BindMfa"),
        violationsAfter(c -> template(c, 4).put("usageType", "Login")));
  }

  @Test
  void blankContentIsReported() {
    assertEquals(
        List.of("templates[2].content: must not be blank"),
        violationsAfter(c -> template(c, 2).put("content", " ")));
  }

  @Test
  void malformedLocaleIsReported() {
    assertEquals(
        List.of("templates[4].locale: must be a language tag such as en or zh-CN"),
        violationsAfter(c -> template(c, 4).put("locale", "zh CN")));
  }

  @Test
  void missingRequiredTemplatesAreNamedInOneMessage() {
    assertEquals(
        List.of(
            "templates: must include a template for each of Register, SignIn, ForgotPassword and"
                + " Generic; missing: SignIn, Generic"),
        violationsOf(MailFixtures.resource("config-missing-templates.json")));
  }

  @Test
  void absentTemplatesAreReported() {
    assertEquals(
        List.of("templates: must list the templates"), violationsAfter(c -> c.remove("templates")));
  }

  @Test
  void nullTemplateEntryIsReported() {
    assertEquals(
        List.of("templates[5]: must not be null"),
        violationsAfter(c -> c.withArray("templates").addNull()));
  }

  @Test
  void unknownTransportIsReported() {
    assertEquals(
        List.of("transport: must be api or smtp"), violationsAfter(c -> c.put("transport", "ses")));
  }

  @Test
  void smtpTransportNeedsAnSmtpPassword() {
    assertEquals(
        List.of("smtpPassword: must be set when transport is smtp"),
        violationsAfter(c -> c.put("transport", "smtp")));
  }

  @Test
  void blankSmtpPasswordIsReported() {
    assertEquals(
        List.of("smtpPassword: must not be blank"),
        violationsAfter(c -> c.put("smtpPassword", "")));
  }

  @Test
  void smtpTransportWithPasswordIsValid() {
    AliyunDmConfig config =
        LOADER.parse(
            validConfigJsonWith(c -> c.put("transport", "smtp").put("smtpPassword", "smtp-pass")));
    assertEquals(TransportKind.SMTP, config.transportKind());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://dm-vpc.cn-hangzhou.aliyuncs.com/",
        "https://dm.eu-central-1.aliyuncs.com",
        "https://DM.ALIYUNCS.COM/"
      })
  void aliyunEndpointsAreAccepted(String endpoint) {
    AliyunDmConfig config = LOADER.parse(validConfigJsonWith(c -> c.put("endpoint", endpoint)));
    assertEquals(endpoint, config.apiEndpoint().toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://dm.aliyuncs.com/",
        "https://evil.example.com/",
        "https://dm.aliyuncs.com.evil.example/",
        "https://user@dm.aliyuncs.com/",
        "https://dm.aliyuncs.com/path",
        "https://dm.aliyuncs.com/?a=b",
        "https://aliyuncs.com/",
        "https://.aliyuncs.com/",
        "dm.aliyuncs.com",
        "http://127.0.0.1:9412/",
        "not a url"
      })
  void otherEndpointsAreRejected(String endpoint) {
    assertEquals(
        List.of(
            "endpoint: must be an https URL on a host ending in .aliyuncs.com, such as"
                + " https://dm.aliyuncs.com/"),
        violationsAfter(c -> c.put("endpoint", endpoint)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9412/", "http://localhost:8080", "http://[::1]:1/"})
  void loopbackEndpointsNeedTheInsecureTestSwitch(String endpoint) {
    MailConfigLoader loopback = new MailConfigLoader(LOOPBACK);
    AliyunDmConfig config = loopback.parse(validConfigJsonWith(c -> c.put("endpoint", endpoint)));
    assertEquals(endpoint, config.endpoint());
    assertEquals(
        List.of(
            "endpoint: must be an https URL on a host ending in .aliyuncs.com, such as"
                + " https://dm.aliyuncs.com/"),
        violationsAfter(c -> c.put("endpoint", endpoint)));
  }

  @Test
  void theInsecureTestSwitchStillRejectsForeignHosts() {
    MailConfigLoader loopback = new MailConfigLoader(LOOPBACK);
    String json = validConfigJsonWith(c -> c.put("endpoint", "http://evil.example.com/"));
    assertThrows(InvalidMailConfigException.class, () -> loopback.parse(json));
  }

  @Test
  void everyViolationIsListedSortedByKey() {
    assertEquals(
        List.of(
            "accessKeyId: must not be blank",
            "fromAlias: must be at most 15 characters",
            "regionId: must be one of cn-hangzhou, ap-southeast-1, ap-southeast-2, us-east-1,"
                + " eu-central-1",
            "templates[0].subject: must not be blank"),
        violationsAfter(
            c -> {
              c.put("accessKeyId", "");
              c.put("fromAlias", "x".repeat(20));
              c.put("regionId", "mars-1");
              template(c, 0).put("subject", "");
            }));
  }

  @Test
  void truncatedFileIsReportedWithItsPosition() {
    List<String> violations = violationsOf(MailFixtures.resource("config-truncated.json"));
    assertEquals(1, violations.size());
    assertTrue(
        violations
            .get(0)
            .matches("json: ends unexpectedly at line 3, column \\d+; is the file truncated\\?"),
        violations.get(0));
    assertFalse(violations.get(0).contains("test-key-sec"), "the value must not be echoed");
  }

  @Test
  void syntaxErrorIsReportedWithoutTheOffendingText() {
    List<String> violations = violationsOf("{\"accessKeyId\": secretvalue}");
    assertEquals(1, violations.size());
    assertTrue(
        violations.get(0).startsWith("json: is not valid JSON at line 1, column "),
        violations.get(0));
    assertFalse(violations.get(0).contains("secretvalue"));
  }

  @Test
  void unknownKeyIsReportedByName() {
    List<String> violations = violationsAfter(c -> c.put("fromAllias", "x"));
    assertEquals(1, violations.size());
    assertTrue(
        violations.get(0).startsWith("fromAllias: is not a known setting (known: ["),
        violations.get(0));
  }

  @Test
  void unknownTemplateKeyIsReportedWithItsPath() {
    List<String> violations = violationsAfter(c -> template(c, 3).put("subjekt", "x"));
    assertEquals(1, violations.size());
    assertTrue(
        violations.get(0).startsWith("templates[3].subjekt: is not a known setting"),
        violations.get(0));
  }

  @Test
  void wrongTypesAreReportedByKey() {
    assertEquals(List.of("regionId: must be a string"), violationsAfter(c -> c.put("regionId", 5)));
    assertEquals(
        List.of("templates: must be a list (JSON array)"),
        violationsAfter(c -> c.put("templates", "SignIn")));
    assertEquals(
        List.of("templates[0]: must be a JSON object"),
        violationsAfter(c -> ((ArrayNode) c.get("templates")).set(0, c.textNode("x"))));
  }

  @Test
  void duplicateKeyIsReported() {
    List<String> violations = violationsOf("{\"accessKeyId\":\"a\",\"accessKeyId\":\"b\"}");
    assertEquals(1, violations.size());
    assertTrue(
        violations.get(0).startsWith("json: has a duplicate key at line 1"), violations.get(0));
  }

  @Test
  void emptyOrNullDocumentIsReported() {
    assertEquals(List.of("json: must be a JSON object"), violationsOf("null"));
    assertEquals(1, violationsOf("").size());
  }

  @Test
  void toStringMasksTheSecrets() {
    AliyunDmConfig config =
        LOADER.parse(
            validConfigJsonWith(c -> c.put("transport", "smtp").put("smtpPassword", "smtp-pass")));
    String text = config.toString();
    assertFalse(text.contains("test-key-secret"), text);
    assertFalse(text.contains("smtp-pass"), text);
    assertTrue(text.contains("accessKeySecret=****"), text);
  }

  @Test
  void viewForAdminsHasNoSecrets() {
    AliyunDmConfig config = LOADER.parse(MailFixtures.resource("config-valid.json"));
    MailConfigView view = MailConfigView.of(config);
    assertTrue(view.accessKeySecretSet());
    assertFalse(view.smtpPasswordSet());
    assertFalse(view.toString().contains("test-key-secret"));
  }

  @Test
  void parseUnvalidatedKeepsAnOmittedSecretAbsentForTheMerge() {
    AliyunDmConfig candidate =
        LOADER.parseUnvalidated(validConfigJsonWith(c -> c.remove("accessKeySecret")));
    assertEquals(null, candidate.accessKeySecret());
    AliyunDmConfig current = LOADER.parse(MailFixtures.resource("config-valid.json"));
    assertEquals("test-key-secret", candidate.withSecretsFrom(current).accessKeySecret());
  }
}
