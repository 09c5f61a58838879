package io.logtojee.api.security;

import io.logtojee.auth.Caller;
import io.logtojee.auth.token.BearerAuthentication;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Invocable;

/**
 * Identifies the caller of an {@link AcceptsBearer} resource and puts it into the request's {@code
 * SecurityContext}: a REST client by its Logto access token, checked against the scopes the
 * resource declares with {@link RequiresScope}, else the user of the browser session. A Bearer call
 * never touches the HTTP session and never reaches pac4j's OIDC profile creator (which would look
 * up a session nonce, pac4j PR #4007). Refusals are thrown as coded failures, so the error edge
 * answers them with RFC 6750's challenge.
 */
@AcceptsBearer
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {

  private final BearerAuthentication bearer;
  private final SessionLookup sessions;
  private final Map<ResourceKey, Set<String>> scopesByMethod = new ConcurrentHashMap<>();

  @Context private ResourceInfo resourceInfo;
  @Context private HttpServletRequest servletRequest;
  @Context private HttpServletResponse servletResponse;

  public AuthenticationFilter(BearerAuthentication bearer, SessionLookup sessions) {
    this.bearer = bearer;
    this.sessions = sessions;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Set<String> required = requiredScopes(request);
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Optional<Caller> caller =
        bearer.authenticate(authorization, required).map(Caller::bearer).or(() -> session(request));
    caller.ifPresent(identified -> CallerContexts.identify(request, identified));
  }

  /**
   * The scopes the matched resource method declares, read once per method. The method comes from
   * the request's own routing context when Jersey provides it: the {@code ResourceInfo} field is a
   * proxy that builds a factory on each call.
   */
  private Set<String> requiredScopes(ContainerRequestContext request) {
    Class<?> resourceClass;
    Method resourceMethod;
    if (request.getUriInfo() instanceof ExtendedUriInfo routing
        && routing.getMatchedResourceMethod() != null) {
      Invocable invocable = routing.getMatchedResourceMethod().getInvocable();
      resourceClass = invocable.getHandler().getHandlerClass();
      resourceMethod = invocable.getHandlingMethod();
    } else {
      resourceClass = resourceInfo.getResourceClass();
      resourceMethod = resourceInfo.getResourceMethod();
    }
    return scopesByMethod.computeIfAbsent(
        new ResourceKey(resourceClass, resourceMethod),
        key -> ScopeCheck.requiredScopes(key.resourceClass(), key.method()));
  }

  private record ResourceKey(Class<?> resourceClass, Method method) {}

  private Optional<Caller> session(ContainerRequestContext request) {
    ServletExchange.Pair servlet =
        ServletExchange.of(request)
            .orElseGet(() -> new ServletExchange.Pair(servletRequest, servletResponse));
    return sessions.signedIn(servlet.request(), servlet.response()).map(Caller::session);
  }
}
