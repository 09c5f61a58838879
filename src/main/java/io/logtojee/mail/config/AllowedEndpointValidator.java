package io.logtojee.mail.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link AllowedEndpoint}. */
public final class AllowedEndpointValidator
    implements ConstraintValidator<AllowedEndpoint, String> {
  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    EndpointPolicy policy =
        context
            .unwrap(HibernateConstraintValidatorContext.class)
            .getConstraintValidatorPayload(EndpointPolicy.class);
    boolean loopbackAllowed = policy != null && policy.allowInsecureLoopback();
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    boolean plainShape =
        uri.isAbsolute()
            && !host.isEmpty()
            && uri.getRawUserInfo() == null
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null
            && (path.isEmpty() || path.equals("/"));
    if (!plainShape) {
      return false;
    }
    boolean aliyun = scheme.equals("https") && host.endsWith(".aliyuncs.com") && host.length() > 13;
    boolean loopback =
        loopbackAllowed
            && (scheme.equals("http") || scheme.equals("https"))
            && LOOPBACK_HOSTS.contains(host);
    return aliyun || loopback;
  }
}
