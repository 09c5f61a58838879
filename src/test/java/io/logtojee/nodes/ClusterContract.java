package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.dm.FakeDirectMail;
import io.logtojee.testsupport.dm.RecordedMail;
import io.logtojee.testsupport.net.RoundRobinProxy;
import io.logtojee.testsupport.op.TestOpenIdProvider;
import io.logtojee.testsupport.op.TestUser;
import io.logtojee.testsupport.redis.RedisServer;
import io.logtojee.testsupport.server.NodePorts;
import io.logtojee.testsupport.server.ServerNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes of one server replicating sessions with the server's own engine, sharing their state in
 * a real {@code redis-server}, behind a round-robin proxy with no stickiness: consecutive requests
 * of one browser land on different nodes. What issue 9 promises for several nodes, on each server.
 * The node kill comes last, since it leaves one node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterContract {

  static final TestUser ADMIN =
      new TestUser(
          "clusteradmin1",
          "Ada Admin",
          "ada",
          "ada@example.test",
          true,
          null,
          List.of("admin", "user"),
          List.of("demoorg00001"));

  TestOpenIdProvider logto;
  FakeDirectMail directMail;
  RedisServer redis;
  RoundRobinProxy proxy;
  List<ServerNode> nodes;
  String appBaseUrl;
  private final AtomicInteger addresses = new AtomicInteger();

  /**
   * The two nodes, built (not started), each with the given settings: Redis, the test provider, and
   * the proxy's address as {@code APP_BASE_URL}.
   */
  abstract List<ServerNode> buildNodes(Map<String, String> settings);

  @BeforeAll
  void startCluster() throws IOException {
    logto = TestOpenIdProvider.start(NodePorts.claim());
    directMail =
        new FakeDirectMail()
            .addKey(MailConfigAdmin.KEY_ID, MailConfigAdmin.KEY_SECRET)
            .addSender(MailConfigAdmin.SENDER)
            .start(NodePorts.claim());
    redis = RedisServer.plain();
    int proxyPort = NodePorts.claim();
    appBaseUrl = "http://localhost:" + proxyPort + "/app";
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("LOGTO_ENDPOINT", logto.endpoint());
    settings.put("APP_BASE_URL", appBaseUrl);
    settings.put("STATE_STORE", "redis");
    settings.put("REDIS_URL", redis.uri().toString());
    nodes = buildNodes(settings);
    logto.registerClient(
        ServerNode.APP_ID,
        ServerNode.APP_SECRET,
        Set.of(appBaseUrl + "/callback"),
        Set.of(appBaseUrl + "/"));
    byte[] seed = MailConfigAdmin.toJsonBytes(MailConfigAdmin.config("Seed", directMail.port()));
    for (ServerNode node : nodes) {
      Files.createDirectories(node.mailConfigFile().getParent());
      Files.write(node.mailConfigFile(), seed);
      Files.setPosixFilePermissions(
          node.mailConfigFile(), PosixFilePermissions.fromString("rw-------"));
    }
    // One after the other, as an operator adds nodes: a Tomcat node that starts alongside another
    // asks it for the sessions before its application exists, and waits a minute for an answer.
    nodes.forEach(ServerNode::start);
    proxy =
        RoundRobinProxy.start(
            proxyPort,
            nodes.stream().map(node -> URI.create("http://127.0.0.1:" + node.httpPort())).toList());
  }

  @AfterAll
  void stopCluster() {
    if (proxy != null) {
      proxy.close();
    }
    if (nodes != null) {
      nodes.forEach(ServerNode::close);
    }
    for (AutoCloseable closeable : new AutoCloseable[] {redis, directMail, logto}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @BeforeEach
  void adminUser() {
    logto.setUser(ADMIN);
  }

  NodeBrowser signedInThroughProxy() {
    NodeBrowser browser = new NodeBrowser(appBaseUrl, logto.endpoint());
    browser.signIn();
    return browser;
  }

  /** Which nodes answered the requests made since {@code servedBefore}, for {@code path}. */
  List<Integer> nodesServing(int servedBefore, String path) {
    List<RoundRobinProxy.Served> served = proxy.served();
    return served.subList(servedBefore, served.size()).stream()
        .filter(s -> s.path().startsWith("/app" + path))
        .map(RoundRobinProxy.Served::node)
        .toList();
  }

  @Test
  @Order(1)
  void aSignInStartedOnOneNodeFinishesOnTheOtherAndBothServeTheSession() {
    int before = proxy.served().size();
    NodeBrowser browser = signedInThroughProxy();
    List<Integer> signIn = nodesServing(before, "/sign-in");
    List<Integer> callback = nodesServing(before, "/callback");

    int beforeMe = proxy.served().size();
    JsonNode first = browser.me();
    JsonNode second = browser.me();

    assertNotEquals(signIn, callback, "the callback went to the node that did not start it");
    assertEquals(Set.of(0, 1), Set.copyOf(nodesServing(beforeMe, "/api/me")));
    assertTrue(first.path("authenticated").asBoolean(), first.toString());
    assertEquals(first, second, "the same user on both nodes");
    assertEquals(ADMIN.sub(), first.path("sub").asText());
  }

  /**
   * The logout goes to the node that did not serve the callback, so that node's directory does not
   * know the session and ends none of its own: the session ends on both nodes through the
   * revocation recorded in Redis, which every node checks on every request.
   */
  @Test
  @Order(2)
  void aBackChannelLogoutPostedToTheOtherNodeEndsTheSessionOnBoth() {
    NodeBrowser browser = signedInThroughProxy();
    assertTrue(browser.signedIn());
    List<String> sids = logto.sessionIds(ADMIN.sub());
    String sid = sids.get(sids.size() - 1);
    String token = logto.mintLogoutToken(ServerNode.APP_ID, ADMIN.sub(), sid, Map.of());
    ServerNode other = nodes.get(1 - proxy.lastNodeFor("/app/callback"));
    long mark = other.logMark();

    HttpResponse<String> logout =
        browser.send(
            HttpRequest.newBuilder(other.url("/api/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));

    assertEquals(200, logout.statusCode(), logout.body());
    assertTrue(
        other.logTextSince(mark).contains("Back-channel logout ended 0 local session(s)"),
        "the node that received the logout did not know the session");
    int before = proxy.served().size();
    JsonNode first = browser.me();
    JsonNode second = browser.me();
    assertEquals(Set.of(0, 1), Set.copyOf(nodesServing(before, "/api/me")));
    assertEquals(false, first.path("authenticated").asBoolean(), first.toString());
    assertEquals(false, second.path("authenticated").asBoolean(), second.toString());
  }

  @Test
  @Order(3)
  void tenSendsToOneAddressOverBothNodesSucceedAndTheEleventhIs429() {
    String to = "limited-" + addresses.incrementAndGet() + "@example.test";
    int accepted = directMail.accepted().size();
    int before = proxy.served().size();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      statuses.add(sendCode(to).statusCode());
    }

    assertEquals(Set.of(0, 1), Set.copyOf(nodesServing(before, "/api/mail/send")));
    assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429), statuses);
    assertEquals(accepted + 10, directMail.accepted().size(), "ten mails went out, not eleven");
  }

  @Test
  @Order(4)
  void aConfigurationSavedThroughOneNodeIsUsedByTheOtherNodesNextMail() throws IOException {
    MailConfigAdmin admin = new MailConfigAdmin(appBaseUrl, signedInThroughProxy());
    String label = "Saved" + (System.nanoTime() % 100_000);
    HttpResponse<String> saved =
        admin.trySave(MailConfigAdmin.config(label, directMail.port()), admin.show().etag());
    assertEquals(200, saved.statusCode(), saved.body());
    int savedOn = proxy.lastNodeFor("/app/api/admin/mail-config");

    int before = proxy.served().size();
    String to = "after-save-" + addresses.incrementAndGet() + "@example.test";
    HttpResponse<String> sent = sendCode(to);

    assertEquals(200, sent.statusCode(), sent.body());
    assertEquals(List.of(1 - savedOn), nodesServing(before, "/api/mail/send"));
    RecordedMail mail = directMail.accepted().get(directMail.accepted().size() - 1);
    assertEquals(to, mail.toAddress());
    assertEquals(label, mail.fromAlias(), "the other node sent with the saved configuration");
  }

  @Test
  @Order(5)
  void twoAdminsSavingTheSameRevisionThroughDifferentNodesOneWinsTheOtherGets412()
      throws Exception {
    MailConfigAdmin first = new MailConfigAdmin(appBaseUrl, signedInThroughProxy());
    MailConfigAdmin second = new MailConfigAdmin(appBaseUrl, signedInThroughProxy());
    String etag = first.show().etag();
    assertEquals(etag, second.show().etag());
    CountDownLatch go = new CountDownLatch(1);
    int before = proxy.served().size();

    List<CompletableFuture<HttpResponse<String>>> saves = new ArrayList<>();
    for (MailConfigAdmin admin : List.of(first, second)) {
      String label = "Race-" + saves.size();
      saves.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                  return admin.trySave(MailConfigAdmin.config(label, directMail.port()), etag);
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    go.countDown();
    List<Integer> statuses =
        saves.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();

    assertEquals(
        Set.of(0, 1), Set.copyOf(nodesServing(before, "/api/admin/mail-config")), "two nodes");
    assertEquals(List.of(200, 412), statuses, "one save wins, the other must re-read");
  }

  @Test
  @Order(100)
  void killMinus9OfTheNodeThatServedTheCallbackKeepsTheUserSignedIn() {
    NodeBrowser browser = signedInThroughProxy();
    JsonNode before = browser.me();
    ServerNode callbackNode = nodes.get(proxy.lastNodeFor("/app/callback"));

    long killedAt = System.nanoTime();
    callbackNode.killHard();
    JsonNode first = browser.me();
    long firstAnswerMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
    int signedIn = 0;
    for (int i = 0; i < 20; i++) {
      if (browser.me().equals(before)) {
        signedIn++;
      }
    }

    System.out.printf(
        "%s: after kill -9 of %s, the first /api/me answered in %d ms: %s; 20 more: %d signed in%n",
        getClass().getSimpleName(),
        callbackNode.name(),
        firstAnswerMillis,
        first.path("authenticated"),
        signedIn);
    assertEquals(before, first, "the surviving node serves the replicated session");
    assertEquals(20, signedIn);
  }

  HttpResponse<String> sendCode(String to) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", to);
    body.put("type", "SignIn");
    body.put("payload", Map.of("code", "123456", "locale", "en"));
    try {
      return new NodeBrowser(appBaseUrl, logto.endpoint())
          .send(
              HttpRequest.newBuilder(URI.create(appBaseUrl + "/api/mail/send"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", ServerNode.MAIL_AUTHORIZATION)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          NodeBrowser.JSON.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
