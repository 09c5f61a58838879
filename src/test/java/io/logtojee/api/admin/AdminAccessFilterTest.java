package io.logtojee.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.api.InMemoryApi;
import io.logtojee.api.TestApi;
import io.logtojee.api.error.CodedExceptionMapper;
import io.logtojee.api.security.CallerContexts;
import io.logtojee.auth.AccessError;
import io.logtojee.auth.Caller;
import io.logtojee.auth.SignedInUser;
import io.logtojee.error.CodedException;
import java.util.Optional;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Allow and deny decisions of the admin filter, called directly on a request context: the session
 * lookup is a fake that ignores the servlet request, so none is injected.
 */
class AdminAccessFilterTest {

  private static final String APP_ORIGIN = TestApi.APP_BASE_URL;

  private SignedInUser signedIn;

  private final AdminAccessFilter filter =
      new AdminAccessFilter(
          (request, response) -> Optional.ofNullable(signedIn),
          TestApi.ADMIN_ROLE,
          TestApi.APP_BASE_URL);

  private static ContainerRequest request(String method, String... namesAndValues) {
    ContainerRequest request =
        new ContainerRequest(
            InMemoryApi.BASE,
            InMemoryApi.BASE.resolve("admin/mail-config"),
            method,
            null,
            new MapPropertiesDelegate(),
            new ResourceConfig());
    for (int i = 0; i < namesAndValues.length; i += 2) {
      request.header(namesAndValues[i], namesAndValues[i + 1]);
    }
    return request;
  }

  private void signInAdmin() {
    signedIn = TestApi.user("admin-1", "reader", TestApi.ADMIN_ROLE);
  }

  /** Runs the filter, expecting a refusal with {@code code} that the API answers with status. */
  private void assertRefused(ContainerRequest request, AccessError code, int status) {
    CodedException refusal = assertThrows(CodedException.class, () -> filter.filter(request));
    assertEquals(code, refusal.code());
    assertEquals(status, new CodedExceptionMapper().toResponse(refusal).getStatus());
    assertTrue(CallerContexts.callerOf(request.getSecurityContext()).isEmpty());
  }

  private void assertAllowedAsAdmin(ContainerRequest request) {
    filter.filter(request);
    Caller caller = CallerContexts.callerOf(request.getSecurityContext()).orElseThrow();
    assertEquals("admin-1", caller.getName());
    assertEquals(Caller.Method.SESSION, caller.method());
  }

  @Test
  void requestWhileSignedOutIsRefused401NotSignedIn() {
    assertRefused(request("GET"), AccessError.NOT_SIGNED_IN, 401);
  }

  @Test
  void requestByUserWithoutAdminRoleIsRefused403Forbidden() {
    signedIn = TestApi.user("user-1", "reader", "admin");

    assertRefused(request("GET"), AccessError.FORBIDDEN, 403);
  }

  @Test
  void stateChangingRequestByUserWithoutAdminRoleIsRefused403ForbiddenEvenFromSameOrigin() {
    signedIn = TestApi.user("user-1", "reader");

    assertRefused(
        request("PUT", "Origin", APP_ORIGIN, "X-Requested-By", "console"),
        AccessError.FORBIDDEN,
        403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void stateChangingRequestMarkedCrossSiteBySecFetchSiteIsRefused403(String method) {
    signInAdmin();

    assertRefused(
        request(
            method,
            "Sec-Fetch-Site",
            "cross-site",
            "Origin",
            APP_ORIGIN,
            "X-Requested-By",
            "console"),
        AccessError.CROSS_SITE_REQUEST,
        403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void stateChangingRequestMarkedSameSiteBySecFetchSiteIsRefused403(String method) {
    signInAdmin();

    assertRefused(
        request(method, "Sec-Fetch-Site", "same-site", "X-Requested-By", "console"),
        AccessError.CROSS_SITE_REQUEST,
        403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void stateChangingRequestFromForeignOriginIsRefused403(String method) {
    signInAdmin();

    assertRefused(
        request(method, "Origin", "https://evil.example", "X-Requested-By", "console"),
        AccessError.CROSS_SITE_REQUEST,
        403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void stateChangingRequestFromSameHostOnAnotherPortIsRefused403(String method) {
    signInAdmin();

    assertRefused(
        request(method, "Origin", APP_ORIGIN + ":8443", "X-Requested-By", "console"),
        AccessError.CROSS_SITE_REQUEST,
        403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void stateChangingRequestWithoutXRequestedByIsRefused403(String method) {
    signInAdmin();

    assertRefused(
        request(method, "Sec-Fetch-Site", "same-origin", "Origin", APP_ORIGIN),
        AccessError.CROSS_SITE_REQUEST,
        403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void sameOriginStateChangingRequestWithXRequestedByIsAllowedAsTheAdmin(String method) {
    signInAdmin();

    assertAllowedAsAdmin(
        request(
            method,
            "Sec-Fetch-Site",
            "same-origin",
            "Origin",
            APP_ORIGIN,
            "X-Requested-By",
            "console"));
  }

  @Test
  void stateChangingRequestWithXRequestedByAndNoBrowserHeadersIsAllowedAsTheAdmin() {
    signInAdmin();

    assertAllowedAsAdmin(request("PUT", "X-Requested-By", "console"));
  }

  @Test
  void getWithoutXRequestedByIsAllowedAsTheAdmin() {
    signInAdmin();

    assertAllowedAsAdmin(request("GET"));
  }
}
