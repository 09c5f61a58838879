package io.logtojee.nodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.server.ServerNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admin console does with the DirectMail configuration of one node: read it with its ETag
 * and save a new version with {@code If-Match} and the same-origin headers the API demands.
 */
public final class MailConfigAdmin {

  public static final String KEY_ID = "node-access-key";
  public static final String KEY_SECRET = "node-access-key-secret-value";
  public static final String SENDER = "noreply@mail.example.test";

  private final String baseUrl;
  private final NodeBrowser browser;

  MailConfigAdmin(ServerNode node, NodeBrowser signedInAdmin) {
    this(node.baseUrl(), signedInAdmin);
  }

  /** The admin of the application at {@code baseUrl}, for example behind a load balancer. */
  MailConfigAdmin(String baseUrl, NodeBrowser signedInAdmin) {
    this.baseUrl = baseUrl;
    this.browser = signedInAdmin;
  }

  /** The node's current configuration as the admin API shows it, with its ETag. */
  record Shown(int status, JsonNode body, String etag) {}

  Shown show() {
    HttpResponse<String> answer = browser.get("/api/admin/mail-config");
    return new Shown(
        answer.statusCode(),
        NodeBrowser.json(answer, answer.statusCode()),
        answer.headers().firstValue("ETag").orElse(null));
  }

  /**
   * PUTs {@code config} as the console does.
   *
   * @throws IOException when the node does not answer, e.g. because it was killed meanwhile
   */
  HttpResponse<String> trySave(Map<String, Object> config, String ifMatch) throws IOException {
    URI uri = URI.create(baseUrl + "/api/admin/mail-config");
    URI base = URI.create(baseUrl);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("X-Requested-By", "admin-console")
            .header("Origin", base.getScheme() + "://" + base.getHost() + ":" + base.getPort())
            .header("Sec-Fetch-Site", "same-origin")
            .header("If-Match", ifMatch)
            .PUT(HttpRequest.BodyPublishers.ofString(toJson(config)));
    return browser.trySend(request);
  }

  /** The ETag the store gives a file with these bytes: SHA-256, base64url, quoted. */
  static String etagOf(byte[] stored) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(stored);
      return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A complete, valid configuration in the shape of Logto's Aliyun DM connector, secret included,
   * whose sender name and sign-in template carry {@code label}. Its endpoint is a loopback port: a
   * fake DirectMail's for tests that send, any port for tests that only save and load it.
   */
  public static Map<String, Object> config(String label, int directMailPort) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("accessKeyId", KEY_ID);
    config.put("accessKeySecret", KEY_SECRET);
    config.put("accountName", SENDER);
    config.put("fromAlias", label);
    config.put("regionId", "cn-hangzhou");
    config.put("endpoint", "http://127.0.0.1:" + directMailPort + "/");
    List<Map<String, String>> templates = new ArrayList<>();
    templates.add(template("Register", "Welcome", "<p>Your sign-up code is {{code}}.</p>"));
    templates.add(
        template("SignIn", label + " sign-in code", "<p>" + label + " code: {{code}}.</p>"));
    templates.add(template("ForgotPassword", "Reset", "<p>Your reset code is {{code}}.</p>"));
    templates.add(template("Generic", "Your code", "<p>Your code is {{code}}.</p>"));
    config.put("templates", templates);
    return config;
  }

  public static byte[] toJsonBytes(Map<String, Object> config) {
    return toJson(config).getBytes(StandardCharsets.UTF_8);
  }

  private static String toJson(Map<String, Object> config) {
    try {
      return NodeBrowser.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> template(String type, String subject, String content) {
    Map<String, String> template = new LinkedHashMap<>();
    template.put("usageType", type);
    template.put("subject", subject);
    template.put("content", content);
    return template;
  }
}
