package io.logtojee.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Whether the application can do its job: {@code up}, or {@code degraded} with the failing part
 * named, and nothing more for the public. Answers 200 either way so that a load balancer keeps a
 * node whose Logto is briefly unreachable; the status field tells monitoring the difference.
 * Administrators find the reasons at {@code /api/admin/health}.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  private final HealthChecks checks;

  public HealthResource(HealthChecks checks) {
    this.checks = checks;
  }

  @GET
  public Map<String, Object> health() {
    return checks.publicView();
  }
}
