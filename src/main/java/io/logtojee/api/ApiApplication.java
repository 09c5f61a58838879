package io.logtojee.api;

import io.logtojee.api.admin.AdminAccessFilter;
import io.logtojee.api.admin.MailConfigResource;
import io.logtojee.api.error.JsonProcessingExceptionMapper;
import io.logtojee.api.error.MailExceptionMapper;
import io.logtojee.api.error.UnexpectedExceptionMapper;
import io.logtojee.api.error.WebApplicationExceptionMapper;
import io.logtojee.api.security.BearerAuthenticationFilter;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The REST application, registered in {@code web.xml} for {@code /api/*} (no {@code
 * ApplicationPath} scanning, so neither container's discovery decides what runs).
 */
public class ApiApplication extends ResourceConfig {

  public ApiApplication() {
    register(JacksonFeature.withoutExceptionMappers());
    register(MeResource.class);
    register(HealthResource.class);
    register(EmailConnectorResource.class);
    register(MeTokensResource.class);
    register(ScopesDemoResource.class);
    register(BackChannelLogoutResource.class);
    register(BearerAuthenticationFilter.class);
    register(MailConfigResource.class);
    register(AdminAccessFilter.class);
    register(NoStoreFilter.class);
    register(WebApplicationExceptionMapper.class);
    register(JsonProcessingExceptionMapper.class);
    register(MailExceptionMapper.class);
    register(UnexpectedExceptionMapper.class);
    property(ServerProperties.WADL_FEATURE_DISABLE, true);
    property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
  }
}
