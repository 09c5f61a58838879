package io.logtojee.testsupport.op;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the provider remembers between requests: its clients, the grants of past sign-ins with the
 * codes, tokens and OP sessions that point at them, the user it signs in and the clock offsets the
 * tests set. Its monitor is the one lock every endpoint takes, because a sign-in, a token exchange
 * or a logout changes several of these maps together and must not interleave with another.
 */
final class ProviderStore {
  final Map<String, RegisteredClient> clients = new LinkedHashMap<>();
  final Map<String, AuthorizationCode> codes = new HashMap<>();
  final Map<String, OpaqueAccessToken> accessTokens = new HashMap<>();

  /** The {@code jti} of every JWT access token issued, so UserInfo can refuse them by name. */
  final Set<String> jwtAccessTokenIds = new LinkedHashSet<>();

  final Map<String, RefreshToken> refreshTokens = new HashMap<>();
  final Map<String, OpSession> sessions = new LinkedHashMap<>();
  final Map<String, Grant> grants = new HashMap<>();
  final Set<String> revokedGrants = new LinkedHashSet<>();

  /** Clients registered as Logto machine-to-machine apps: the only ones with client credentials. */
  final Set<String> machineToMachineClients = new LinkedHashSet<>();

  private TestUser user = TestUser.demo();
  private Duration iatOffset = Duration.ZERO;
  private Duration expOffset = Duration.ZERO;

  // Volatile because discovery reads it without taking the lock.
  private volatile URI tokenEndpoint;

  synchronized void registerClient(
      String clientId, String secret, Set<String> redirectUris, Set<String> postLogout) {
    // Registering again replaces the redirect URIs but keeps a back-channel registration.
    RegisteredClient old = clients.get(clientId);
    clients.put(
        clientId,
        new RegisteredClient(
            clientId,
            secret,
            Set.copyOf(redirectUris),
            Set.copyOf(postLogout),
            old == null ? null : old.backChannelUri(),
            old != null && old.backChannelSessionRequired()));
  }

  synchronized void registerMachineToMachineClient(String clientId, String secret) {
    registerClient(clientId, secret, Set.of(), Set.of());
    machineToMachineClients.add(clientId);
  }

  synchronized void registerBackChannelLogout(
      String clientId, String uri, boolean sessionRequired) {
    RegisteredClient c = clients.get(clientId);
    if (c == null) {
      throw new IllegalArgumentException("unknown client " + clientId);
    }
    clients.put(
        clientId,
        new RegisteredClient(
            c.id(),
            c.secret(),
            c.redirectUris(),
            c.postLogoutRedirectUris(),
            uri,
            sessionRequired));
  }

  /** The client's secret, or null for a public or unknown client (HS256 signing needs it). */
  synchronized String secretOf(String clientId) {
    RegisteredClient client = clients.get(clientId);
    return client == null ? null : client.secret();
  }

  synchronized void setUser(TestUser newUser) {
    this.user = newUser;
  }

  synchronized TestUser user() {
    return user;
  }

  /** Where discovery sends clients for tokens; null means this provider's own endpoint. */
  synchronized void setTokenEndpoint(URI endpoint) {
    this.tokenEndpoint = endpoint;
  }

  URI tokenEndpoint() {
    return tokenEndpoint;
  }

  synchronized void setClockOffsets(Duration iat, Duration exp) {
    this.iatOffset = iat == null ? Duration.ZERO : iat;
    this.expOffset = exp == null ? Duration.ZERO : exp;
  }

  synchronized Duration iatOffset() {
    return iatOffset;
  }

  synchronized Duration expOffset() {
    return expOffset;
  }

  synchronized void revokeGrants(String sub) {
    grants.values().stream()
        .filter(g -> g.user().sub().equals(sub))
        .forEach(g -> revokedGrants.add(g.id()));
  }

  synchronized List<String> liveSessionIds(String sub) {
    return sessions.values().stream()
        .filter(s -> !s.ended && s.user.sub().equals(sub))
        .map(s -> s.sid)
        .toList();
  }
}
