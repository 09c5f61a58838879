package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logtojee.api.InMemoryApi.Answer;
import io.logtojee.api.TestMail.RecordingTransport;
import io.logtojee.mail.config.InMemoryMailConfigStore;
import io.logtojee.mail.config.TransportKind;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.mail.sending.MailService;
import io.logtojee.state.redis.RedisConnection;
import io.logtojee.state.redis.RedisRevokedSessions;
import io.logtojee.state.redis.RedisSendCounterStore;
import io.logtojee.testsupport.redis.Await;
import io.logtojee.testsupport.redis.RedisServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API with its shared state in a real Redis that goes away: the sender fails closed with 503, a
 * back-channel logout that cannot be recorded is not acknowledged, health says so, and all of it
 * works again once Redis is back.
 */
class SharedStateOutageApiTest {
  private static final String SIGN_IN_MAIL =
      "{\"to\":\"user@example.com\",\"type\":\"SignIn\",\"payload\":{\"code\":\"482913\"}}";

  private final RecordingTransport transport = new RecordingTransport();
  private RedisServer server;
  private RedisConnection redis;
  private InMemoryApi api;
  private TestApi app;

  @BeforeEach
  void start() {
    server = RedisServer.plain();
    redis =
        RedisConnection.open(server.uri(), Optional.empty(), Duration.ofMillis(500), "api-test:");
    MailService mail =
        new MailService(
            new InMemoryMailConfigStore(TestMail.LOADER, TestMail.validConfig()),
            Map.of(TransportKind.API, transport),
            new SendLimits(
                SendLimitPolicy.defaults(), new RedisSendCounterStore(redis), Clock.systemUTC()));
    app =
        new TestApi()
            .mailService(mail)
            .revokedSessions(
                new RedisRevokedSessions(
                    redis, TestApi.SETTINGS.sessions().maxAge(), Clock.systemUTC()))
            .redis(redis);
    api = app.start();
  }

  @AfterEach
  void stop() {
    redis.close();
    server.close();
  }

  private Answer sendMail() {
    return api.post("/mail/send")
        .header("Authorization", TestApi.MAIL_AUTHORIZATION)
        .json(SIGN_IN_MAIL)
        .send();
  }

  private Answer backChannelLogout(String sub) {
    String token = app.tokens().logoutToken(sub);
    return api.post("/backchannel-logout")
        .form("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
        .send();
  }

  private static void assertStateStoreUnavailable(Answer answer) {
    assertEquals(503, answer.status(), answer.body());
    assertEquals("application/json", answer.contentType());
    assertEquals("state_store_unavailable", answer.json().get("code").asText(), answer.body());
  }

  @Test
  void whileRedisIsAwayTheSenderAnswers503AndSendsNothing() {
    assertEquals(200, sendMail().status());
    assertEquals(1, transport.sent().size());

    server.stop();
    Answer refused = sendMail();

    assertStateStoreUnavailable(refused);
    assertFalse(refused.body().contains("482913"), "the code is never echoed");
    assertEquals(1, transport.sent().size(), "nothing sent while the limits cannot be checked");

    server.start();
    Await.until(Duration.ofSeconds(10), () -> assertEquals(200, sendMail().status()));
    assertEquals(2, transport.sent().size());
  }

  @Test
  void whileRedisIsAwayABackChannelLogoutAnswers503() {
    assertEquals(200, backChannelLogout("user-1").status());

    server.stop();

    assertStateStoreUnavailable(backChannelLogout("user-2"));

    server.start();
    Await.until(
        Duration.ofSeconds(10), () -> assertEquals(200, backChannelLogout("user-2").status()));
  }

  @Test
  void healthShowsRedisDownAndUpWithReasonsOnlyForAdmins() {
    assertEquals("up", api.get("/health").send().json().get("redis").get("status").asText());

    server.stop();

    Answer publicView = api.get("/health").send();
    assertEquals(200, publicView.status());
    assertEquals("degraded", publicView.json().get("status").asText());
    assertEquals("down", publicView.json().get("redis").get("status").asText());
    assertFalse(publicView.json().get("redis").has("reason"), publicView.body());
    app.signedIn(TestApi.user("admin-1", TestApi.ADMIN_ROLE));
    Answer adminView = app.start().get("/admin/health").send();
    assertEquals("down", adminView.json().get("redis").get("status").asText());
    assertEquals(
        true,
        adminView.json().get("redis").get("reason").asText().contains("127.0.0.1:" + server.port()),
        adminView.body());

    server.start();
    Await.until(
        Duration.ofSeconds(10),
        () ->
            assertEquals(
                "up", api.get("/health").send().json().get("redis").get("status").asText()));
  }
}
