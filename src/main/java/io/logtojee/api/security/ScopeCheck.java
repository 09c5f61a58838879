package io.logtojee.api.security;

import java.lang.reflect.AnnotatedElement;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the scopes a resource declares with {@link RequiresScope}. */
public final class ScopeCheck {

  /** RFC 6749 §3.3 scope-token: %x21 / %x23-5B / %x5D-7E. */
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private ScopeCheck() {}

  /**
   * The union of the {@link RequiresScope} scopes on the given elements, for example the resource
   * class and the resource method; empty when none is annotated.
   *
   * @throws IllegalStateException when an annotation names something that is not a scope token (a
   *     programming error, found at the first request)
   */
  public static Set<String> requiredScopes(AnnotatedElement... elements) {
    Set<String> required = new LinkedHashSet<>();
    for (AnnotatedElement element : elements) {
      if (element == null) {
        continue;
      }
      RequiresScope annotation = element.getAnnotation(RequiresScope.class);
      if (annotation == null) {
        continue;
      }
      for (String scope : annotation.value()) {
        if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
          throw new IllegalStateException(
              "@RequiresScope on " + element + " names an invalid scope");
        }
        required.add(scope);
      }
    }
    return Collections.unmodifiableSet(required);
  }
}
