package io.logtojee.api;

import io.logtojee.auth.LogtoAvailability;
import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.sending.MailStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Whether the application can do its job: {@code up}, or {@code degraded} with the failing part
 * named. Answers 200 either way so that a load balancer keeps a node whose Logto is briefly
 * unreachable; the status field tells monitoring the difference.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  private final LogtoAvailability logto;
  private final String discoveryUrl;
  private final Optional<MailService> mail;
  private final IntSupplier pendingSignIns;

  /**
   * @param discoveryUrl where Logto's discovery document is read from
   * @param mail the sender, absent when MAIL_CONFIG_FILE is not set
   * @param pendingSignIns how many sign-ins this node has started but not finished
   */
  public HealthResource(
      LogtoAvailability logto,
      String discoveryUrl,
      Optional<MailService> mail,
      IntSupplier pendingSignIns) {
    this.logto = logto;
    this.discoveryUrl = discoveryUrl;
    this.mail = mail;
    this.pendingSignIns = pendingSignIns;
  }

  @GET
  public Response health() {
    Optional<String> logtoProblem = logto.unavailableReason();
    boolean logtoUp = logtoProblem.isEmpty();
    Map<String, Object> logtoPart = new LinkedHashMap<>();
    logtoPart.put("status", logtoUp ? "up" : "down");
    logtoPart.put("discovery", discoveryUrl);
    logtoProblem.ifPresent(reason -> logtoPart.put("reason", reason));

    Map<String, Object> mailPart = new LinkedHashMap<>();
    boolean mailUp = false;
    if (mail.isEmpty()) {
      mailPart.put("status", "disabled");
      mailPart.put("reason", "MAIL_CONFIG_FILE is not set");
    } else {
      MailStatus status = mail.get().status();
      mailUp = status.up();
      mailPart.put("status", status.up() ? "up" : "down");
      if (!status.up()) {
        mailPart.put("reason", status.reason());
        Map<String, String> violations = ConfigViolation.byKey(status.violations());
        if (!violations.isEmpty()) {
          mailPart.put("violations", violations);
        }
      }
    }

    Map<String, Object> body = new LinkedHashMap<>();
    boolean mailOk = mailUp || mail.isEmpty();
    body.put("status", logtoUp && mailOk ? "up" : "degraded");
    body.put("logto", logtoPart);
    body.put("mail", mailPart);
    body.put("pendingSignIns", pendingSignIns.getAsInt());
    body.put("restRuntime", restRuntime());
    return Response.ok(body).build();
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
