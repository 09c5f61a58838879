package io.logtojee.testsupport.op;

import java.util.List;
import java.util.Objects;

/**
 * The account the {@link TestOpenIdProvider} signs in without any UI, shaped like a Logto user:
 * {@code sub} is the Logto user id, {@code roles} are role names and {@code organizations} are
 * organization ids (the {@code roles} and {@code organizations} claims).
 *
 * <p>{@code name}, {@code username}, {@code email} and {@code picture} may be null; as in Logto, an
 * empty {@code name} or {@code picture} becomes a JSON {@code null} claim and the others are
 * omitted.
 */
public record TestUser(
    String sub,
    String name,
    String username,
    String email,
    boolean emailVerified,
    String picture,
    List<String> roles,
    List<String> organizations) {

  /** Copies the lists and checks {@code sub}. */
  public TestUser {
    Objects.requireNonNull(sub, "sub");
    roles = roles == null ? List.of() : List.copyOf(roles);
    organizations = organizations == null ? List.of() : List.copyOf(organizations);
  }

  /** The user of the local demo and the default of a fresh provider. */
  public static TestUser demo() {
    return new TestUser(
        "demouser0001",
        "Demo User",
        "demo",
        "demo@example.test",
        true,
        "https://example.test/avatar/demo.png",
        List.of("user"),
        List.of("demoorg00001"));
  }
}
