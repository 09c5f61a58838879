package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.auth.LogtoSignIn;
import io.logtojee.auth.PendingSignIns;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pac4j.jee.filter.CallbackFilter;
import org.pac4j.jee.filter.LogoutFilter;

/** The filters the sign-in adds to the servlet context, in order, with their mappings. */
class SignInFilterChainTest {

  private final Map<String, Filter> filters = new LinkedHashMap<>();
  private final Map<String, List<String>> filterPaths = new LinkedHashMap<>();
  private final Map<String, List<String>> servletPaths = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /** Records addFilter with its URL patterns and addServlet with its mappings; nothing else. */
  private ServletContext recordingContext() {
    return proxy(
        ServletContext.class,
        (context, method, args) ->
            switch (method.getName()) {
              case "addFilter" -> {
                String name = (String) args[0];
                filters.put(name, (Filter) args[1]);
                yield proxy(
                    FilterRegistration.Dynamic.class,
                    (registration, m, a) -> {
                      assertEquals("addMappingForUrlPatterns", m.getName());
                      assertEquals(EnumSet.of(DispatcherType.REQUEST), a[0]);
                      assertEquals(true, a[1]);
                      filterPaths.put(name, List.of((String[]) a[2]));
                      return null;
                    });
              }
              case "addServlet" -> {
                String name = (String) args[0];
                yield proxy(
                    ServletRegistration.Dynamic.class,
                    (registration, m, a) -> {
                      assertEquals("addMapping", m.getName());
                      servletPaths.put(name, new ArrayList<>(List.of((String[]) a[0])));
                      return null;
                    });
              }
              default -> throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void registersTheGuardsBeforePac4jAndConfiguresPac4jsFilters() {
    new SignInFilterChain(
            TestLogto.SETTINGS.logto(), TestLogto.UNREACHABLE, new PendingSignIns(10, id -> false))
        .register(recordingContext());

    assertEquals(
        List.of(
            "securityHeaders",
            "callbackGuard",
            "pac4jCallback",
            "signInRequest",
            "pac4jSecurity",
            "signOutGuard",
            "pac4jLogout"),
        List.copyOf(filters.keySet()));
    assertEquals(List.of("/*"), filterPaths.get("securityHeaders"));
    assertEquals(List.of("/callback"), filterPaths.get("callbackGuard"));
    assertEquals(List.of("/callback"), filterPaths.get("pac4jCallback"));
    assertEquals(List.of("/sign-in", "/sign-up"), filterPaths.get("signInRequest"));
    assertEquals(List.of("/sign-in", "/sign-up"), filterPaths.get("pac4jSecurity"));
    assertEquals(List.of("/sign-out"), filterPaths.get("signOutGuard"));
    assertEquals(List.of("/sign-out"), filterPaths.get("pac4jLogout"));
    assertEquals(Map.of("signedIn", List.of("/sign-in", "/sign-up")), servletPaths);

    CallbackFilter callback = assertInstanceOf(CallbackFilter.class, filters.get("pac4jCallback"));
    assertEquals(TestLogto.APP_BASE_URL + "/", callback.getDefaultUrl());
    assertEquals(Boolean.TRUE, callback.getRenewSession());
    assertEquals(LogtoSignIn.CLIENT_NAME, callback.getDefaultClient());

    LogoutFilter logout = assertInstanceOf(LogoutFilter.class, filters.get("pac4jLogout"));
    assertEquals(SignInFilterChain.NO_LOGOUT_URL_FROM_REQUEST, logout.getLogoutUrlPattern());
    assertEquals(Boolean.TRUE, logout.getLocalLogout());
    assertEquals(Boolean.TRUE, logout.getDestroySession());
    assertEquals(Boolean.TRUE, logout.getCentralLogout());
    assertTrue(filters.get("callbackGuard") instanceof CallbackGuardFilter);
  }
}
