package io.logtojee.api;

import io.logtojee.auth.LogtoAvailability;
import io.logtojee.auth.session.BackChannelLogout;
import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.sending.MailStatus;
import io.logtojee.state.StateStoreAvailability;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Whether the application can do its job, in two views: the public one says only {@code up}, {@code
 * degraded} or {@code down} per component (a load balancer and monitoring need no more, and reasons
 * can reveal internals); the administrators' one adds why, and what this node received.
 */
public final class HealthChecks {

  private final LogtoAvailability logto;
  private final String discoveryUrl;
  private final Optional<MailService> mail;
  private final IntSupplier pendingSignIns;
  private final BackChannelLogout backChannelLogout;
  private final Optional<StateStoreAvailability> redis;

  /**
   * @param discoveryUrl where Logto's discovery document is read from
   * @param mail the sender, absent when MAIL_CONFIG_FILE is not set
   * @param pendingSignIns how many sign-ins this node has started but not finished
   * @param backChannelLogout what Logto's logouts this node received
   * @param redis the Redis holding the state the nodes share, absent with STATE_STORE=memory; its
   *     check is bounded by the Redis timeout
   */
  public HealthChecks(
      LogtoAvailability logto,
      String discoveryUrl,
      Optional<MailService> mail,
      IntSupplier pendingSignIns,
      BackChannelLogout backChannelLogout,
      Optional<StateStoreAvailability> redis) {
    this.logto = logto;
    this.discoveryUrl = discoveryUrl;
    this.mail = mail;
    this.pendingSignIns = pendingSignIns;
    this.backChannelLogout = backChannelLogout;
    this.redis = redis;
  }

  /** Statuses only. */
  public Map<String, Object> publicView() {
    return view(false);
  }

  /** Statuses with their reasons, the counters of this node and the REST runtime. */
  public Map<String, Object> detailedView() {
    Map<String, Object> body = view(true);
    body.put("pendingSignIns", pendingSignIns.getAsInt());
    BackChannelLogout.Received received = backChannelLogout.received();
    Map<String, Object> logouts = new LinkedHashMap<>();
    logouts.put("accepted", received.accepted());
    logouts.put("refused", received.refused());
    received.lastAcceptedAt().ifPresent(at -> logouts.put("lastAcceptedAt", at.toString()));
    logouts.put("lastEndedSessions", received.lastEndedSessions());
    received.lastRefusedAt().ifPresent(at -> logouts.put("lastRefusedAt", at.toString()));
    body.put("backChannelLogout", logouts);
    body.put("restRuntime", restRuntime());
    return body;
  }

  private Map<String, Object> view(boolean detailed) {
    Optional<String> logtoProblem = logto.unavailableReason();
    Map<String, Object> logtoPart = new LinkedHashMap<>();
    logtoPart.put("status", logtoProblem.isEmpty() ? "up" : "down");
    if (detailed) {
      logtoPart.put("discovery", discoveryUrl);
      logtoProblem.ifPresent(reason -> logtoPart.put("reason", reason));
    }

    Map<String, Object> mailPart = new LinkedHashMap<>();
    boolean mailOk = true;
    if (mail.isEmpty()) {
      mailPart.put("status", "disabled");
      if (detailed) {
        mailPart.put("reason", "MAIL_CONFIG_FILE is not set");
      }
    } else {
      MailStatus status = mail.get().status();
      mailOk = status.up();
      mailPart.put("status", status.up() ? "up" : "down");
      if (detailed && !status.up()) {
        mailPart.put("reason", status.reason());
        Map<String, String> violations = ConfigViolation.byKey(status.violations());
        if (!violations.isEmpty()) {
          mailPart.put("violations", violations);
        }
      }
    }

    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> redisPart = null;
    boolean redisOk = true;
    if (redis.isPresent()) {
      Optional<String> redisProblem = redis.get().unavailableReason();
      redisOk = redisProblem.isEmpty();
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("status", redisOk ? "up" : "down");
      if (detailed) {
        redisProblem.ifPresent(reason -> part.put("reason", reason));
      }
      redisPart = part;
    }
    body.put("status", logtoProblem.isEmpty() && mailOk && redisOk ? "up" : "degraded");
    body.put("logto", logtoPart);
    body.put("mail", mailPart);
    if (redisPart != null) {
      body.put("redis", redisPart);
    }
    return body;
  }

  /** Which Jakarta REST implementation serves us: on WildFly it must be ours, not RESTEasy. */
  static String restRuntime() {
    String implementation = RuntimeDelegate.getInstance().getClass().getName();
    if (implementation.startsWith("org.glassfish.jersey")) {
      return "jersey";
    }
    return implementation.contains("resteasy") ? "resteasy" : "other";
  }
}
