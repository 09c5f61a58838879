package io.logtojee.testsupport.op;

/**
 * The two ways into the app with an email verification code on Logto's sign-in experience, each
 * with the template type Logto's HTTP email connector sends for it and the experience page it
 * starts on.
 */
enum EmailCodeFlow {
  /** An existing account: the code mail uses the {@code SignIn} template. */
  SIGN_IN("SignIn", "/sign-in"),
  /** A new account: the code mail uses the {@code Register} template. */
  REGISTER("Register", "/register");

  private final String templateType;
  private final String path;

  EmailCodeFlow(String templateType, String path) {
    this.templateType = templateType;
    this.path = path;
  }

  /** The {@code type} of the connector's request, one of Logto's {@code TemplateType} values. */
  String templateType() {
    return templateType;
  }

  /** The experience page where the user enters the address, e.g. {@code /register}. */
  String path() {
    return path;
  }

  /** The flow whose page is {@code path}, or null. */
  static EmailCodeFlow ofPath(String path) {
    for (EmailCodeFlow flow : values()) {
      if (flow.path.equals(path)) {
        return flow;
      }
    }
    return null;
  }
}
