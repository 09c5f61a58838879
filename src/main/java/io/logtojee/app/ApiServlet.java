package io.logtojee.app;

import io.logtojee.api.security.ServletExchange;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Jersey's servlet, which first records the container's request and response for the filters. */
final class ApiServlet extends ServletContainer {
  private static final long serialVersionUID = 1L;

  ApiServlet(ResourceConfig api) {
    super(api);
  }

  @Override
  public void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    ServletExchange.record(request, response);
    super.service(request, response);
  }
}
