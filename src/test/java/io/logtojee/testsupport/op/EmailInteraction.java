package io.logtojee.testsupport.op;

/**
 * One visit to the {@link SignInExperience}, what Logto keeps in its interaction: the authorization
 * request to answer once the user is known and, after "send code", which address and flow the code
 * was sent for, so that only that code can complete it. Guarded by the experience's lock.
 */
final class EmailInteraction {
  final String id;
  final AuthorizationRequest request;
  private EmailCodeFlow flow;
  private String email;

  EmailInteraction(String id, AuthorizationRequest request) {
    this.id = id;
    this.request = request;
  }

  /** Records that a code for {@code flow} went to {@code address}; a later send replaces it. */
  void codeSent(EmailCodeFlow codeFlow, String address) {
    this.flow = codeFlow;
    this.email = address;
  }

  /** The flow of the last code sent, or null before any. */
  EmailCodeFlow flow() {
    return flow;
  }

  /** The address of the last code sent, or null before any. */
  String email() {
    return email;
  }
}
