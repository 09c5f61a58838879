package io.logtojee.mail.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateRendererTest {
  private final TemplateRenderer renderer = new TemplateRenderer();

  /** The payload of logto.md §4.4. */
  private static Map<String, Object> logtoExamplePayload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("code", "123456");
    payload.put("application", Map.of("name", "Demo"));
    payload.put("organization", Map.of("id", "o1"));
    return payload;
  }

  /** The examples table of logto.md §4.4 (values here need no escaping). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "Your code is {{code}}         | Your code is 123456",
        "{{  code  }}                  | 123456",
        "{{application.name}}          | Demo",
        "{{application.displayName}}   | \"\"",
        "{{link}}                      | {{link}}",
        "{{organization}}              | [object Object]",
        "{{user-name}}                 | {{user-name}}"
      })
  void followsLogtosRules(String template, String expected) {
    assertEquals(expected, renderer.renderHtmlBody(template, logtoExamplePayload()));
    assertEquals(expected, renderer.renderSubject(template, logtoExamplePayload()));
  }

  @Test
  void isSinglePass() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("code", "123456");
    payload.put("user", Map.of("name", "{{code}}"));
    assertEquals(
        "Hi {{code}}, your code is 123456",
        renderer.renderHtmlBody("Hi {{user.name}}, your code is {{code}}", payload));
    assertEquals("Hi {{code}}", renderer.renderSubject("Hi {{ user.name }}", payload));
  }

  @Test
  void escapesValuesButNotTheTemplateInTheBody() {
    Map<String, Object> payload =
        Map.of("code", "1", "application", Map.of("name", "<script>alert('x')</script> & \"co\""));
    assertEquals(
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</p>",
        renderer.renderHtmlBody("<p>{{application.name}}</p>", payload));
  }

  @Test
  void keepsTheSubjectOnOneLine() {
    Map<String, Object> payload =
        Map.of("application", Map.of("name", "Demo\r\nBcc: evil@x.test\u2028\tX"));
    String subject = renderer.renderSubject("Sign in to {{application.name}}", payload);
    assertEquals("Sign in to DemoBcc: evil@x.testX", subject);
    assertFalse(subject.contains("\n"));
  }

  @Test
  void subjectValuesAreNotHtmlEscaped() {
    assertEquals(
        "Tom & Jerry <3", renderer.renderSubject("{{name}}", Map.of("name", "Tom & Jerry <3")));
  }

  @Test
  void rendersValuesTheWayJavaScriptStringifiesThem() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("count", 3);
    payload.put("ratio", 2.0);
    payload.put("half", 0.5);
    payload.put("flag", true);
    payload.put("list", List.of(1, "a", Map.of()));
    payload.put("nothing", null);
    assertEquals(
        "3 2 0.5 true 1,a,[object Object] []",
        renderer.renderHtmlBody(
            "{{count}} {{ratio}} {{half}} {{flag}} {{list}} [{{nothing}}]", payload));
  }

  @Test
  void walksIntoListsByIndexAndStopsAtScalars() {
    Map<String, Object> payload = Map.of("items", List.of("zero", "one"), "code", "123456");
    assertEquals(
        "one||", renderer.renderHtmlBody("{{items.1}}|{{items.5}}|{{code.length}}", payload));
  }

  @Test
  void dollarSignsAndBackslashesInValuesAreLiteral() {
    assertEquals("a$1\\b", renderer.renderHtmlBody("{{v}}", Map.of("v", "a$1\\b")));
  }

  @Test
  void nonAsciiWordCharactersAreNotPlaceholders() {
    assertEquals("{{ärger}}", renderer.renderHtmlBody("{{ärger}}", Map.of("ärger", "x")));
  }
}
