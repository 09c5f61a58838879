package io.logtojee.testsupport.op;

import io.logtojee.testsupport.op.ExperiencePages.Problem;
import io.logtojee.testsupport.op.OpHttp.Req;
import io.logtojee.testsupport.op.OpHttp.Resp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Logto's sign-in experience with email verification codes, under {@link Scenario#EMAIL_SIGN_IN}:
 * the pages a user sees between the authorization request and the code that goes back to the
 * client.
 *
 * <ol>
 *   <li>{@link #start} keeps the checked authorization request in an interaction (cookie {@value
 *       #COOKIE}) and sends the browser to {@code /sign-in}, or to {@code /register} when the
 *       client asked for {@code first_screen=register};
 *   <li>{@code POST /sign-in} or {@code /register} with {@code email}: {@link PasscodeFlow} makes a
 *       code for the {@code SignIn} or {@code Register} template and sends it through Logto's HTTP
 *       email connector, with {@code payload.locale} from {@code ui_locales} ({@link EmailLocale});
 *       then {@code /verification-code};
 *   <li>{@code POST /verification-code} with {@code code}: Logto's checks (mismatch, expiry after
 *       600 s, the eleventh try); on success a new account is created (register) or the address's
 *       account is found (sign-in), and the code for the client is issued ({@link CodeIssuer}).
 * </ol>
 *
 * <p>Failures are shown on the page with Logto's error code and message ({@link LogtoPhrases}). The
 * configured user can still be signed in without a password, through the same link as {@link
 * SignInPage}'s.
 */
final class SignInExperience {
  /** Logto's interaction cookie; its value names the interaction. */
  static final String COOKIE = "_interaction";

  /** Unfinished interactions kept; beyond it the oldest is forgotten. */
  static final int MAX_INTERACTIONS = 1000;

  /** Logto's experience accepts one plain address; anything else is {@code invalid_email}. */
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

  private final String issuer;
  private final PasscodeFlow passcodes;
  private final CodeIssuer codes;
  private final Supplier<TestUser> configuredUser;

  private final Map<String, EmailInteraction> interactions =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EmailInteraction> eldest) {
          return size() > MAX_INTERACTIONS;
        }
      };

  SignInExperience(
      String issuer, PasscodeFlow passcodes, CodeIssuer codes, Supplier<TestUser> configuredUser) {
    this.issuer = issuer;
    this.passcodes = passcodes;
    this.codes = codes;
    this.configuredUser = configuredUser;
  }

  /** Starts an interaction for a checked authorization request and shows its first screen. */
  Resp start(AuthorizationRequest request) {
    EmailInteraction interaction = new EmailInteraction(OidcValues.randomToken(), request);
    synchronized (interactions) {
      interactions.put(interaction.id, interaction);
    }
    EmailCodeFlow first =
        request.startsAtRegistration() ? EmailCodeFlow.REGISTER : EmailCodeFlow.SIGN_IN;
    return new Resp(303, Map.of("Location", first.path()), new byte[0])
        .withHeader(
            "Set-Cookie", COOKIE + "=" + interaction.id + "; Path=/; HttpOnly; SameSite=Lax");
  }

  /** {@code /sign-in}, {@code /register} and {@code /verification-code}, GET or POST. */
  Resp handle(Req req) {
    EmailInteraction interaction;
    synchronized (interactions) {
      String id = req.cookie(COOKIE);
      interaction = id == null ? null : interactions.get(id);
    }
    if (interaction == null) {
      return ExperiencePages.problemOnly(Problem.of(400, LogtoPhrases.INTERACTION_NOT_FOUND, null));
    }
    boolean post = "POST".equals(req.method());
    EmailCodeFlow flow = EmailCodeFlow.ofPath(req.path());
    if (flow != null) {
      return post
          ? sendCode(req, interaction, flow)
          : identifierPage(interaction, flow, null, null);
    }
    return post ? verifyCode(req, interaction) : codePage(interaction, null);
  }

  private Resp sendCode(Req req, EmailInteraction interaction, EmailCodeFlow flow) {
    String email = req.formParam("email") == null ? "" : req.formParam("email").trim();
    if (!EMAIL.matcher(email).matches()) {
      return identifierPage(
          interaction, flow, email, Problem.of(400, LogtoPhrases.INVALID_EMAIL, null));
    }
    AuthorizationRequest request = interaction.request;
    // The HTTP call to the sender runs outside every lock, as in PasscodeFlow.
    PasscodeResult sent =
        passcodes.requestFromExperience(
            email,
            flow.templateType(),
            EmailLocale.resolve(request.uiLocales(), req.header("accept-language")),
            request.uiLocales(),
            req.remoteAddress());
    if (!sent.succeeded()) {
      String detail =
          PasscodeResult.CONNECTOR_NOT_FOUND.equals(sent.errorCode())
              ? "Email"
              : sent.errorDescription();
      return identifierPage(
          interaction, flow, email, Problem.of(sent.status(), sent.errorCode(), detail));
    }
    synchronized (interactions) {
      interaction.codeSent(flow, email);
    }
    return new Resp(303, Map.of("Location", "/verification-code"), new byte[0]);
  }

  private Resp verifyCode(Req req, EmailInteraction interaction) {
    EmailCodeFlow flow;
    String email;
    synchronized (interactions) {
      flow = interaction.flow();
      email = interaction.email();
    }
    if (email == null) {
      return identifierPage(
          interaction, EmailCodeFlow.SIGN_IN, null, Problem.of(400, VerifyResult.NOT_FOUND, null));
    }
    String code = req.formParam("code") == null ? "" : req.formParam("code").trim();
    VerifyResult verified = passcodes.verify(email, flow.templateType(), code);
    if (!verified.verified()) {
      return codePage(interaction, Problem.of(verified.status(), verified.errorCode(), null));
    }
    TestUser user = identify(flow, email);
    if (user == null) {
      return flow == EmailCodeFlow.REGISTER
          ? identifierPage(
              interaction,
              EmailCodeFlow.SIGN_IN,
              email,
              Problem.of(422, LogtoPhrases.EMAIL_ALREADY_IN_USE, null))
          : identifierPage(
              interaction,
              EmailCodeFlow.REGISTER,
              email,
              Problem.of(404, LogtoPhrases.USER_NOT_EXIST, email));
    }
    synchronized (interactions) {
      interactions.remove(interaction.id);
    }
    return codes.signIn(interaction.request, user);
  }

  /**
   * The account a verified address signs in as: a new one for registration, the existing one for
   * sign-in; null when registering a taken address or signing in with an unknown one.
   */
  private TestUser identify(EmailCodeFlow flow, String email) {
    TestUser existing = passcodes.findUser(email);
    if (flow == EmailCodeFlow.REGISTER) {
      return existing == null ? passcodes.registerUser(email) : null;
    }
    return existing;
  }

  private Resp identifierPage(
      EmailInteraction interaction, EmailCodeFlow flow, String email, Problem problem) {
    AuthorizationRequest request = interaction.request;
    String prefill = email != null ? email : request.loginHint();
    return ExperiencePages.identifier(
        flow,
        request.clientId(),
        prefill,
        problem,
        configuredUser.get(),
        SignInPage.continueUrl(issuer, request.parameters()));
  }

  private Resp codePage(EmailInteraction interaction, Problem problem) {
    EmailCodeFlow flow;
    String email;
    synchronized (interactions) {
      flow = interaction.flow();
      email = interaction.email();
    }
    if (email == null) {
      // No code was sent yet: the address comes first.
      return new Resp(303, Map.of("Location", EmailCodeFlow.SIGN_IN.path()), new byte[0]);
    }
    return ExperiencePages.code(flow, interaction.request.clientId(), email, problem);
  }
}
