package io.logtojee.mail.template;

import io.logtojee.text.Html;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills Logto-style placeholders such as {@code {{ code }}} or {@code {{application.name}}}.
 *
 * <p>Follows Logto's connector kit: {@code {{\s*([\w.]+)\s*}}} with ASCII {@code \w}; a placeholder
 * whose root is not a payload key stays as written; a missing or null value becomes empty; objects
 * become {@code [object Object]}. Unlike Logto it is safe with user-controlled values: replacement
 * happens in a single pass (a value containing {@code {{code}}} stays literal), values in the HTML
 * body are HTML-escaped, and control characters are removed from the subject.
 */
public final class TemplateRenderer {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
  private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

  /** The HTML body: every substituted value is HTML-escaped; the template itself is trusted. */
  public String renderHtmlBody(String template, Map<String, Object> payload) {
    return render(template, payload, TemplateRenderer::escapeHtml);
  }

  /**
   * A plain-text body: values go in as they are, since escaping would show up as {@code &amp;lt;}
   * in the reader's mail program.
   */
  public String renderTextBody(String template, Map<String, Object> payload) {
    return render(template, payload, UnaryOperator.identity());
  }

  /**
   * The subject: one line. Control characters (CR, LF, tab, ...) and Unicode line separators are
   * removed from the values and from the result.
   */
  public String renderSubject(String template, Map<String, Object> payload) {
    String rendered = render(template, payload, TemplateRenderer::stripLineBreaks);
    return stripLineBreaks(rendered);
  }

  /** Substitutes each placeholder once, passing values through {@code encode}. */
  public String render(String template, Map<String, Object> payload, UnaryOperator<String> encode) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 32);
    while (matcher.find()) {
      String path = matcher.group(1);
      String root = path.split("\\.", -1)[0];
      String replacement =
          payload.containsKey(root) ? encode.apply(valueAt(payload, path)) : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Removes control characters and Unicode line/paragraph separators. */
  public static String stripLineBreaks(String value) {
    return LINE_BREAKING.matcher(value).replaceAll("");
  }

  /** Escapes the five characters that matter in HTML text and attribute values. */
  public static String escapeHtml(String value) {
    return Html.escape(value);
  }

  private static String valueAt(Map<String, Object> payload, String path) {
    Object current = payload;
    for (String segment : path.split("\\.", -1)) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(segment);
      } else if (current instanceof List<?> list && isIndex(segment, list.size())) {
        current = list.get(Integer.parseInt(segment));
      } else {
        return "";
      }
      if (current == null) {
        return "";
      }
    }
    return jsString(current);
  }

  private static boolean isIndex(String segment, int size) {
    return !segment.isEmpty()
        && segment.length() < 10
        && segment.chars().allMatch(Character::isDigit)
        && Integer.parseInt(segment) < size;
  }

  /** JavaScript's String(value), which Logto's template replacement applies. */
  private static String jsString(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?>) {
      return "[object Object]";
    }
    if (value instanceof List<?> list) {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          joined.append(',');
        }
        joined.append(jsString(list.get(i)));
      }
      return joined.toString();
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return d.isNaN() ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      BigDecimal decimal = new BigDecimal(value.toString());
      return decimal.stripTrailingZeros().scale() <= 0
          ? decimal.toBigInteger().toString()
          : decimal.stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}
