package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Resp;
import io.logtojee.text.Html;

/**
 * The HTML of the {@link SignInExperience}: plain server-rendered forms that work without
 * JavaScript or anything from another site, with stable element ids for browser tests ({@code
 * email}, {@code send-code}, {@code code}, {@code verify}, {@code resend}, {@code error} with the
 * Logto error code in {@code data-code}, {@code continue-without-password}). Every value from the
 * request is escaped.
 */
final class ExperiencePages {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;background:#f4f4f7;margin:0;color:#1a1c1d}"
          + ".card{max-width:26rem;margin:3rem auto;background:#fff;border-radius:12px;"
          + "padding:2rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}"
          + ".brand{font-weight:700;color:#5d34f2;margin:0 0 1rem}"
          + ".brand span{font-weight:400;color:#747778;font-size:.85rem}"
          + "h1{font-size:1.4rem;margin:.2rem 0}.muted{color:#747778}"
          + "label{display:block;margin:1rem 0 .3rem;font-weight:600}"
          + "input{box-sizing:border-box;width:100%;padding:.7rem;font-size:1rem;"
          + "border:1px solid #c4c7c7;border-radius:8px}"
          + "#code{letter-spacing:.5rem;font-size:1.4rem;text-align:center}"
          + "button{width:100%;margin-top:1rem;padding:.75rem;font-size:1rem;border:0;"
          + "border-radius:8px;background:#5d34f2;color:#fff;cursor:pointer}"
          + "button.link{background:none;color:#5d34f2;width:auto;padding:0;margin:0}"
          + "a{color:#5d34f2}.error{background:#fde7e9;color:#b3261e;padding:.7rem;"
          + "border-radius:8px}.error code{display:block;font-size:.8rem;margin-top:.3rem}"
          + ".alt{border-top:1px solid #e0e0e0;margin-top:1.5rem;padding-top:1rem}";

  private ExperiencePages() {}

  /** What went wrong, shown above the form: a Logto error code and its message. */
  record Problem(int status, String code, String message) {
    static Problem of(int status, String code, String detail) {
      return new Problem(status, code, LogtoPhrases.english(code, detail));
    }
  }

  /**
   * The page where the user enters an address for {@code flow}.
   *
   * @param email the address to pre-fill (the last one tried, or {@code login_hint}), or null
   * @param withoutPassword the user the "continue without a password" link signs in, or null for no
   *     link
   * @param withoutPasswordUrl where that link goes
   */
  static Resp identifier(
      EmailCodeFlow flow,
      String clientId,
      String email,
      Problem problem,
      TestUser withoutPassword,
      String withoutPasswordUrl) {
    boolean register = flow == EmailCodeFlow.REGISTER;
    StringBuilder body = new StringBuilder();
    body.append(heading(register ? "Create account" : "Sign in", clientId));
    body.append(problem(problem));
    body.append("<form method=\"post\" action=\"").append(flow.path()).append("\">");
    body.append("<label for=\"email\">Email</label>");
    body.append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\"");
    body.append(" required autofocus value=\"").append(escape(email)).append("\">");
    body.append("<button id=\"send-code\" type=\"submit\">Send verification code</button>");
    body.append("</form>");
    body.append(
        register
            ? "<p>Already have an account? <a id=\"sign-in-instead\" href=\"/sign-in\">Sign"
                + " in</a></p>"
            : "<p>No account yet? <a id=\"create-account\" href=\"/register\">Create account</a>"
                + "</p>");
    if (withoutPassword != null) {
      body.append("<p class=\"alt\"><a id=\"continue-without-password\" href=\"")
          .append(escape(withoutPasswordUrl))
          .append("\">Continue as ")
          .append(escape(displayName(withoutPassword)))
          .append("</a> <span class=\"muted\">without a password (test provider only)</span>")
          .append("</p>");
    }
    return page(
        problem == null ? 200 : problem.status(), register ? "Create account" : "Sign in", body);
  }

  /** The page where the user types the code sent to {@code email}. */
  static Resp code(EmailCodeFlow flow, String clientId, String email, Problem problem) {
    StringBuilder body = new StringBuilder();
    body.append(heading("Enter verification code", clientId));
    body.append("<p id=\"sent-to\">The verification code has been sent to your email <strong>")
        .append(escape(email))
        .append("</strong>.</p>");
    body.append(problem(problem));
    body.append("<form method=\"post\" action=\"/verification-code\">");
    body.append("<label for=\"code\">Verification code</label>");
    body.append("<input id=\"code\" name=\"code\" inputmode=\"numeric\"");
    body.append(" autocomplete=\"one-time-code\" maxlength=\"6\" required autofocus>");
    body.append("<button id=\"verify\" type=\"submit\">Continue</button></form>");
    body.append("<form method=\"post\" action=\"").append(flow.path()).append("\">");
    body.append("<input type=\"hidden\" name=\"email\" value=\"").append(escape(email));
    body.append("\"><p class=\"muted\">Didn't get it? <button id=\"resend\" class=\"link\"");
    body.append(" type=\"submit\">Resend code</button> · <a id=\"change-email\" href=\"");
    body.append(flow.path()).append("\">Use another email</a></p></form>");
    return page(problem == null ? 200 : problem.status(), "Enter verification code", body);
  }

  /** A page with only a problem, when there is no interaction to continue. */
  static Resp problemOnly(Problem problem) {
    return page(problem.status(), "Sign in", new StringBuilder(problem(problem)));
  }

  private static String heading(String title, String clientId) {
    return "<p class=\"brand\">Logto <span>test provider</span></p><h1 id=\"title\">"
        + escape(title)
        + "</h1><p class=\"muted\">to continue to <strong id=\"client\">"
        + escape(clientId)
        + "</strong></p>";
  }

  private static String problem(Problem problem) {
    if (problem == null) {
      return "";
    }
    return "<p id=\"error\" class=\"error\" role=\"alert\" data-code=\""
        + escape(problem.code())
        + "\">"
        + escape(problem.message())
        + "<code>"
        + escape(problem.code())
        + "</code></p>";
  }

  private static String displayName(TestUser user) {
    String name = user.name() != null ? user.name() : user.sub();
    return user.email() == null ? name : name + " <" + user.email() + ">";
  }

  private static Resp page(int status, String title, CharSequence body) {
    return Resp.html(
        status,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + escape(title)
            + "</title><style>"
            + STYLE
            + "</style></head><body><main class=\"card\">"
            + body
            + "</main></body></html>");
  }

  private static String escape(String value) {
    return value == null ? "" : Html.escape(value);
  }
}
