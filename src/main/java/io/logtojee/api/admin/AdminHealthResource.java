package io.logtojee.api.admin;

import io.logtojee.api.HealthChecks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The health of this node with its reasons, for administrators: why Logto or mail is down, the
 * pending sign-ins, and when Logto's last back-channel logout arrived (a Logto whose SSRF
 * protection refuses this application's address never delivers one, and nothing else shows it).
 */
@Path("/admin/health")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class AdminHealthResource {

  private final HealthChecks checks;

  public AdminHealthResource(HealthChecks checks) {
    this.checks = checks;
  }

  @GET
  public Map<String, Object> health() {
    return checks.detailedView();
  }
}
