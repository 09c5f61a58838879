package io.logtojee.api;

import io.logtojee.app.AppServices;
import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.sending.MailStatus;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the application can do its job: {@code up}, or {@code degraded} with the failing part
 * named. Answers 200 either way so that a load balancer keeps a node whose Logto is briefly
 * unreachable; the status field tells monitoring the difference.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @Context private ServletContext servletContext;

  @GET
  public Response health() {
    AppServices services = AppServices.from(servletContext);
    Optional<String> logtoProblem = services.signIn().unavailableReason();
    boolean logtoUp = logtoProblem.isEmpty();
    Map<String, Object> logto = new LinkedHashMap<>();
    logto.put("status", logtoUp ? "up" : "down");
    logto.put("discovery", services.settings().discoveryUrl());
    logtoProblem.ifPresent(reason -> logto.put("reason", reason));

    Map<String, Object> mail = new LinkedHashMap<>();
    boolean mailUp = false;
    if (services.mail().isEmpty()) {
      mail.put("status", "disabled");
      mail.put("reason", "MAIL_CONFIG_FILE is not set");
    } else {
      MailStatus status = services.mail().get().service().status();
      mailUp = status.up();
      mail.put("status", status.up() ? "up" : "down");
      if (!status.up()) {
        mail.put("reason", status.reason());
        Map<String, String> violations = ConfigViolation.byKey(status.violations());
        if (!violations.isEmpty()) {
          mail.put("violations", violations);
        }
      }
    }

    Map<String, Object> body = new LinkedHashMap<>();
    boolean mailOk = mailUp || services.mail().isEmpty();
    body.put("status", logtoUp && mailOk ? "up" : "degraded");
    body.put("logto", logto);
    body.put("mail", mail);
    body.put("pendingSignIns", services.pendingSignIns().count());
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
