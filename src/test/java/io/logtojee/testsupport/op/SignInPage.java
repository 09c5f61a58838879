package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import io.logtojee.text.Html;
import java.util.List;
import java.util.Map;

/**
 * Logto's sign-in experience under {@link Scenario#SIGN_IN_PAGE}, reduced to one link: following it
 * repeats the authorization request with {@link #SIGNED_IN_MARK}, and only then is a code issued,
 * as Logto issues it after the form. It exists so that a browser test can linger at the provider
 * before the code is issued (SES-09).
 */
final class SignInPage {
  /** Marks an authorization request sent from this page. */
  static final String SIGNED_IN_MARK = "x_signed_in";

  private final String issuer;

  SignInPage(String issuer) {
    this.issuer = issuer;
  }

  /** Whether the request already comes from this page, so the sign-in may complete. */
  static boolean isContinuation(Req req) {
    return "true".equals(req.param(SIGNED_IN_MARK));
  }

  Resp render(Req req, TestUser user) {
    Map<String, List<String>> params = "POST".equals(req.method()) ? req.form() : req.query();
    return Resp.html(
        200,
        "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in</h1>"
            + "<p id=\"account\">"
            + Html.escape(user.email())
            + "</p><a id=\"continue\" href=\""
            + Html.escape(continueUrl(issuer, params))
            + "\">Continue</a></body></html>");
  }

  /** The authorization request with {@code params} again, marked as coming from this page. */
  static String continueUrl(String issuer, Map<String, List<String>> params) {
    StringBuilder continueUrl = new StringBuilder(issuer).append("/auth?");
    params.forEach(
        (name, values) ->
            values.forEach(
                value ->
                    continueUrl
                        .append(OpHttp.encode(name))
                        .append('=')
                        .append(OpHttp.encode(value))
                        .append('&')));
    return continueUrl.append(SIGNED_IN_MARK).append("=true").toString();
  }
}
