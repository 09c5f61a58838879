package io.logtojee.demo;

import io.logtojee.testsupport.dm.RecordedMail;
import io.logtojee.text.Html;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's inbox: the mails the DirectMail fake accepted, newest first, each with its recipient,
 * subject, the code it carries (found in the text, so a newcomer need not search the body) and the
 * HTML body as the recipient would see it.
 *
 * <p>The body comes from a template and the request's payload, so it is treated as hostile: it is
 * shown in a sandboxed {@code iframe} whose {@code srcdoc} is escaped (no scripts, no forms, no
 * same-origin access), and the page's own policy lets it load nothing from elsewhere.
 */
final class MailViewerPage {
  /** For the answer's header: inline styles only, nothing fetched, no scripts anywhere. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'";

  private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;background:#f4f4f7;margin:0;color:#1a1c1d}"
          + "main{max-width:46rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.4rem}"
          + ".muted{color:#747778}.mail{background:#fff;border-radius:12px;padding:1rem 1.2rem;"
          + "margin:1rem 0;box-shadow:0 2px 12px rgba(0,0,0,.08)}"
          + ".mail h2{font-size:1.1rem;margin:.2rem 0}"
          + "dl{display:grid;grid-template-columns:6rem 1fr;gap:.2rem .8rem;margin:.6rem 0}"
          + "dt{color:#747778}dd{margin:0}"
          + ".code{display:inline-block;font:700 1.6rem ui-monospace,monospace;letter-spacing:.3rem;"
          + "background:#efeaff;color:#5d34f2;border-radius:8px;padding:.2rem .6rem}"
          + "iframe{width:100%;height:9rem;border:1px solid #e0e0e0;border-radius:8px;"
          + "background:#fff}";

  private MailViewerPage() {}

  static String render(List<RecordedMail> accepted) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Demo mail (DirectMail fake)</title><style>")
        .append(STYLE)
        .append("</style></head><body><main><h1>Mail the DirectMail fake accepted</h1>")
        .append("<p class=\"muted\">Newest first. Nothing here left this machine. ")
        .append("<a href=\"/\">Reload</a></p>");
    List<RecordedMail> newestFirst =
        accepted.stream()
            .sorted(Comparator.comparing(RecordedMail::receivedAt).reversed())
            .toList();
    if (newestFirst.isEmpty()) {
      html.append("<p id=\"no-mail\">No mail yet. Sign up on the application with any address, ")
          .append("then reload this page.</p>");
    }
    for (int i = 0; i < newestFirst.size(); i++) {
      html.append(mail(newestFirst.get(i), i));
    }
    return html.append("</main></body></html>").toString();
  }

  /** The first six-digit number in the body's text, where Logto's codes appear. */
  static Optional<String> code(String htmlBody) {
    if (htmlBody == null) {
      return Optional.empty();
    }
    Matcher code = CODE.matcher(TAG.matcher(htmlBody).replaceAll(" "));
    return code.find() ? Optional.of(code.group(1)) : Optional.empty();
  }

  private static String mail(RecordedMail mail, int index) {
    StringBuilder html = new StringBuilder();
    html.append("<article class=\"mail\" id=\"mail-").append(index).append("\">");
    html.append("<h2 class=\"subject\">").append(escape(mail.subject())).append("</h2><dl>");
    html.append("<dt>To</dt><dd class=\"to\">").append(escape(mail.toAddress())).append("</dd>");
    html.append("<dt>From</dt><dd>")
        .append(escape(mail.fromAlias() == null ? "" : mail.fromAlias() + " "))
        .append("&lt;")
        .append(escape(mail.accountName()))
        .append("&gt;</dd>");
    html.append("<dt>Received</dt><dd>").append(TIME.format(mail.receivedAt())).append("</dd>");
    code(mail.htmlBody())
        .ifPresent(
            code ->
                html.append("<dt>Code</dt><dd><span class=\"code\">")
                    .append(code)
                    .append("</span></dd>"));
    html.append("</dl><iframe class=\"body\" title=\"Mail body\" sandbox srcdoc=\"")
        .append(escape(mail.htmlBody()))
        .append("\"></iframe></article>");
    return html.toString();
  }

  private static String escape(String value) {
    return value == null ? "" : Html.escape(value);
  }
}
