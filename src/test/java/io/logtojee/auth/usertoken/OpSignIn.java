package io.logtojee.auth.usertoken;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.logtojee.auth.TestTenant;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Signs the test OP's user in the way the application does (code flow, {@code prompt=consent},
 * {@code offline_access}), without a browser, and returns the refresh token.
 */
final class OpSignIn {

  private OpSignIn() {}

  static RefreshToken refreshToken(TestTenant tenant, String scope, String... resources)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    StringBuilder query =
        new StringBuilder("response_type=code&state=state-1&nonce=nonce-1&prompt=consent")
            .append("&client_id=")
            .append(encode(TestTenant.CLIENT_ID))
            .append("&redirect_uri=")
            .append(encode(TestTenant.CALLBACK))
            .append("&scope=")
            .append(encode(scope));
    for (String resource : resources) {
      query.append("&resource=").append(encode(resource));
    }
    HttpResponse<String> authorization =
        http.send(
            HttpRequest.newBuilder(URI.create(tenant.op.issuer() + "/auth?" + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    String location = authorization.headers().firstValue("location").orElseThrow();
    String code = null;
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      if (pair.startsWith("code=")) {
        code = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (TestTenant.CLIENT_ID + ":" + TestTenant.CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> token =
        http.send(
            HttpRequest.newBuilder(URI.create(tenant.op.issuer() + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=authorization_code&code="
                            + encode(code)
                            + "&redirect_uri="
                            + encode(TestTenant.CALLBACK)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, Object> json = JSONObjectUtils.parse(token.body());
    return new RefreshToken((String) json.get("refresh_token"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
