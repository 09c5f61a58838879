package io.logtojee.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logtojee.testsupport.servlet.FakeRequest;
import io.logtojee.testsupport.servlet.FakeResponse;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.process.internal.RequestScoped;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Runs a Jersey {@link ResourceConfig} in memory, without a servlet container or a socket: each
 * request goes through Jersey's real pipeline (name-bound filters, resource matching, exception
 * mappers, Jackson) and comes back as an {@link Answer} with the serialised body.
 *
 * <p>Resources and filters that inject {@code @Context HttpServletRequest} or {@code
 * HttpServletResponse} get per-request stand-ins: a {@link FakeRequest} mirroring the method and
 * headers of the request, unless the test hands in its own, and a {@link FakeResponse}.
 */
public final class InMemoryApi {

  /** Where the API is mounted, as in a deployment at {@code APP_BASE_URL}. */
  public static final URI BASE = URI.create("https://app.example.test/api/");

  private static final String SERVLET_REQUEST = InMemoryApi.class.getName() + ".request";
  private static final String SERVLET_RESPONSE = InMemoryApi.class.getName() + ".response";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApplicationHandler handler;

  private InMemoryApi(ResourceConfig config) {
    config.register(new ServletStandIns());
    this.handler = new ApplicationHandler(config);
  }

  /** Starts Jersey on {@code config}, which must not be used for anything else afterwards. */
  public static InMemoryApi of(ResourceConfig config) {
    return new InMemoryApi(config);
  }

  public Request get(String path) {
    return new Request("GET", path);
  }

  public Request post(String path) {
    return new Request("POST", path);
  }

  public Request put(String path) {
    return new Request("PUT", path);
  }

  public Request request(String method, String path) {
    return new Request(method, path);
  }

  /** One request under construction; {@link #send()} runs it. */
  public final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private byte[] body;
    private FakeRequest servletRequest;

    private Request(String method, String path) {
      this.method = method;
      this.path = path.startsWith("/") ? path.substring(1) : path;
    }

    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Request bearer(String token) {
      return header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    public Request json(String json) {
      return body("application/json", json);
    }

    public Request form(String urlEncoded) {
      return body("application/x-www-form-urlencoded", urlEncoded);
    }

    public Request body(String contentType, String text) {
      headers.put(HttpHeaders.CONTENT_TYPE, contentType);
      body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** A request property, as a servlet request attribute would be one. */
    public Request property(String name, Object value) {
      properties.put(name, value);
      return this;
    }

    /** The servlet request resources and filters see; by default one with this method. */
    public Request servletRequest(FakeRequest request) {
      this.servletRequest = request;
      return this;
    }

    public Answer send() {
      ContainerRequest request =
          new ContainerRequest(
              BASE,
              BASE.resolve(path),
              method,
              ANONYMOUS,
              new MapPropertiesDelegate(),
              handler.getConfiguration());
      headers.forEach(request::header);
      properties.forEach(request::setProperty);
      if (body != null) {
        request.setEntityStream(new ByteArrayInputStream(body));
      }
      FakeRequest servlet =
          servletRequest != null ? servletRequest : FakeRequest.of(method, "/api");
      if (servletRequest == null) {
        headers.forEach(servlet::header);
      }
      request.setProperty(SERVLET_REQUEST, servlet.asServletRequest());
      request.setProperty(SERVLET_RESPONSE, new FakeResponse().asServletResponse());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        ContainerResponse response = handler.apply(request, out).get();
        return new Answer(response, out.toString(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Jersey did not answer", e.getCause());
      }
    }
  }

  /** What the API answered: status, headers and the body as written to the wire. */
  public static final class Answer {
    private final ContainerResponse response;
    private final String body;

    private Answer(ContainerResponse response, String body) {
      this.response = response;
      this.body = body;
    }

    public int status() {
      return response.getStatus();
    }

    /** The header's value, several values joined with a comma; null when absent. */
    public String header(String name) {
      return response.getHeaderString(name);
    }

    public String contentType() {
      return response.getMediaType() == null ? null : response.getMediaType().toString();
    }

    public String body() {
      return body;
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return status() + " " + body;
    }
  }

  private static final SecurityContext ANONYMOUS =
      new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
          return null;
        }

        @Override
        public boolean isUserInRole(String role) {
          return false;
        }

        @Override
        public boolean isSecure() {
          return true;
        }

        @Override
        public String getAuthenticationScheme() {
          return null;
        }
      };

  /** Binds the servlet request and response of the request being processed. */
  private static final class ServletStandIns extends AbstractBinder {
    @Override
    protected void configure() {
      bindFactory(ServletRequestSupplier.class)
          .to(HttpServletRequest.class)
          .proxy(true)
          .proxyForSameScope(false)
          .in(RequestScoped.class);
      bindFactory(ServletResponseSupplier.class)
          .to(HttpServletResponse.class)
          .proxy(true)
          .proxyForSameScope(false)
          .in(RequestScoped.class);
    }
  }

  public static final class ServletRequestSupplier implements Supplier<HttpServletRequest> {
    private final Provider<ContainerRequestContext> request;

    @Inject
    public ServletRequestSupplier(Provider<ContainerRequestContext> request) {
      this.request = request;
    }

    @Override
    public HttpServletRequest get() {
      return (HttpServletRequest) request.get().getProperty(SERVLET_REQUEST);
    }
  }

  public static final class ServletResponseSupplier implements Supplier<HttpServletResponse> {
    private final Provider<ContainerRequestContext> request;

    @Inject
    public ServletResponseSupplier(Provider<ContainerRequestContext> request) {
      this.request = request;
    }

    @Override
    public HttpServletResponse get() {
      return (HttpServletResponse) request.get().getProperty(SERVLET_RESPONSE);
    }
  }
}
