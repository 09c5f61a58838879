package io.logtojee.api;

import io.logtojee.app.AppServices;
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
    boolean logtoUp = services.signIn().isReady();
    Map<String, Object> logto = new LinkedHashMap<>();
    logto.put("status", logtoUp ? "up" : "down");
    logto.put("discovery", services.settings().discoveryUrl());
    services.signIn().unavailableReason().ifPresent(reason -> logto.put("reason", reason));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", logtoUp ? "up" : "degraded");
    body.put("logto", logto);
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
