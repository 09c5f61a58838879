package io.logtojee.testsupport.op;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An authorization request that passed every check of {@link AuthorizationEndpoint}, kept while the
 * user is at the sign-in experience ({@link SignInExperience}) so that the code can be issued for
 * it once the user is known, as Logto keeps it in its interaction.
 *
 * @param scopes the granted scopes ({@code offline_access} already dropped without consent)
 * @param iss the {@code iss} parameter the response carries (wrong under {@link
 *     Scenario#ISS_PARAM})
 * @param uiLocales the raw {@code ui_locales}, or null
 * @param firstScreen Logto's {@code first_screen} parameter, or null
 * @param loginHint the {@code login_hint} parameter, or null
 * @param parameters every parameter as received, for a link that repeats the request
 */
record AuthorizationRequest(
    String clientId,
    String redirectUri,
    String state,
    String nonce,
    String codeChallenge,
    Set<String> scopes,
    List<String> resources,
    String iss,
    String uiLocales,
    String firstScreen,
    String loginHint,
    Map<String, List<String>> parameters) {

  AuthorizationRequest {
    // Insertion order kept: the token response lists the scopes in the order they were asked for.
    scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    resources = List.copyOf(resources);
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Whether the client asked Logto to open on the "create account" screen. */
  boolean startsAtRegistration() {
    return "register".equals(firstScreen) || "identifier:register".equals(firstScreen);
  }
}
