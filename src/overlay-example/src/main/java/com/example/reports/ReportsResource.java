package com.example.reports;

import io.logtojee.api.security.AcceptsBearer;
import io.logtojee.api.security.CallerContexts;
import io.logtojee.api.security.RequiresScope;
import io.logtojee.auth.Caller;
import io.logtojee.error.CodedException;
import io.logtojee.error.RequestError;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/reports}: a REST client with a Logto access token carrying {@value #SCOPE} gets
 * its reports. The two annotations are all the security code the team writes: a caller without a
 * token gets 401 (a browser session alone too: scopes come only with access tokens), one whose
 * token lacks the scope 403, each with RFC 6750's {@code WWW-Authenticate}.
 */
@Path("/reports")
@AcceptsBearer
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

  /** The permission to define on the API resource in Logto and grant through a role. */
  public static final String SCOPE = "read:reports";

  private static final Set<String> PERIODS = Set.of("week", "month");

  @GET
  @RequiresScope(SCOPE)
  public Map<String, Object> reports(
      @Context SecurityContext security,
      @QueryParam("period") @DefaultValue("week") String period) {
    if (!PERIODS.contains(period)) {
      // The application's error edge turns this into 400 {"code":"invalid_parameter",...}.
      throw new CodedException(
          RequestError.INVALID_PARAMETER,
          "period must be week or month",
          Map.of("parameter", "period"));
    }
    Caller caller = CallerContexts.callerOf(security).orElseThrow();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sub", caller.getName());
    answer.put("auth_method", caller.method().name().toLowerCase(Locale.ROOT));
    answer.put("period", period);
    answer.put("reports", List.of());
    return answer;
  }
}
