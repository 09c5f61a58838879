package io.logtojee.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the access-token scopes (Logto API resource permissions) a Bearer caller needs. Every
 * listed scope is required; on a class it applies to all its resource methods, and a method's own
 * annotation adds to the class's. A caller lacking one gets 403 with {@code WWW-Authenticate:
 * Bearer error="insufficient_scope", scope="..."} (RFC 6750 §3.1).
 *
 * <pre>{@code
 * @Path("/things")
 * public class ThingsResource {
 *   @GET
 *   @RequiresScope("read:things")
 *   public List<Thing> list() { ... }
 *
 *   @POST
 *   @RequiresScope({"read:things", "write:things"})
 *   public Thing create(Thing thing) { ... }
 * }
 * }</pre>
 *
 * <p>The REST layer reads the annotations with {@link ScopeCheck#requiredScopes} and compares them
 * with the validated token. Scope names are RFC 6749 scope tokens: printable ASCII without space,
 * {@code "} or {@code \}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {

  /** The scopes, all required. */
  String[] value();
}
