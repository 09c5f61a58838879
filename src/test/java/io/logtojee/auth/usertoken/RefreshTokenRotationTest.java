package io.logtojee.auth.usertoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.logtojee.testsupport.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logto rotates a confidential client's refresh token after 70 % of its lifetime (logto.md §2.5).
 * The test OP never rotates for confidential clients, so a scripted token endpoint plays it.
 */
class RefreshTokenRotationTest {

  private final List<String> presentedRefreshTokens = new ArrayList<>();
  private int issued;

  private final UserTokens tokens =
      new UserTokens(
          new ClientID("app"),
          new Secret("secret"),
          URI.create("https://logto.example.test/oidc/token"),
          URI.create("https://logto.example.test/oidc/me"),
          request -> {
            presentedRefreshTokens.add(formValue(request.getBody(), "refresh_token"));
            issued++;
            HTTPResponse response = new HTTPResponse(200);
            response.setHeader("Content-Type", "application/json");
            response.setBody(
                "{\"access_token\":\"at-"
                    + issued
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"read:things\""
                    + ",\"refresh_token\":\"rt-2\"}");
            return response;
          },
          MutableClock.startingNow());

  @Test
  void aRotatedRefreshTokenIsReturnedAndUsedForLaterRequestsWithTheOldOne() {
    RefreshToken original = new RefreshToken("rt-1");

    AccessTokenResult first = tokens.accessTokenFor(original, "https://api.example.test");
    assertEquals("rt-2", first.newRefreshToken().orElseThrow().getValue());

    // A concurrent request of the same session still holds rt-1: it must not present it again,
    // which Logto would take for a replay and answer by revoking the grant.
    AccessTokenResult second = tokens.accessTokenFor(original, "https://other.example.test");
    assertEquals("rt-2", second.newRefreshToken().orElseThrow().getValue());

    AccessTokenResult cached = tokens.accessTokenFor(original, "https://api.example.test");
    assertEquals("at-1", cached.accessToken().getValue(), "cache moved to the new token");
    assertEquals("rt-2", cached.newRefreshToken().orElseThrow().getValue());

    AccessTokenResult withNew =
        tokens.accessTokenFor(new RefreshToken("rt-2"), "https://api.example.test");
    assertTrue(withNew.newRefreshToken().isEmpty());

    assertEquals(List.of("rt-1", "rt-2"), presentedRefreshTokens);
  }

  private static String formValue(String body, String name) {
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
