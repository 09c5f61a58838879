package com.example.reports;

import io.logtojee.api.ApiExtension;
import jakarta.ws.rs.core.FeatureContext;

/**
 * The team's entry point: logto-jee finds it through {@code
 * META-INF/services/io.logtojee.api.ApiExtension} and registers it beside its own resources under
 * {@code /api/*}.
 */
public final class ReportsApi implements ApiExtension {

  @Override
  public boolean configure(FeatureContext context) {
    context.register(ReportsResource.class);
    return true;
  }
}
