package io.logtojee.app;

import io.logtojee.api.ApiExtension;
import io.logtojee.api.BackChannelLogoutResource;
import io.logtojee.api.EmailConnectorResource;
import io.logtojee.api.HealthChecks;
import io.logtojee.api.HealthResource;
import io.logtojee.api.MeResource;
import io.logtojee.api.MeTokensResource;
import io.logtojee.api.NoStoreFilter;
import io.logtojee.api.ScopesDemoResource;
import io.logtojee.api.admin.AdminAccessFilter;
import io.logtojee.api.admin.AdminHealthResource;
import io.logtojee.api.admin.MailConfigResource;
import io.logtojee.api.error.CodedExceptionMapper;
import io.logtojee.api.error.JsonProcessingExceptionMapper;
import io.logtojee.api.error.RequestBodyLimit;
import io.logtojee.api.error.UnexpectedExceptionMapper;
import io.logtojee.api.error.WebApplicationExceptionMapper;
import io.logtojee.api.security.AuthenticationFilter;
import io.logtojee.api.security.SessionLookup;
import io.logtojee.auth.SessionTokens;
import io.logtojee.auth.session.BackChannelLogout;
import io.logtojee.auth.token.BearerAuthentication;
import io.logtojee.mail.CallerAuthorization;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.setup.MailComponents;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The REST API under {@code /api/*}: what the composition root built for it, assembled into
 * Jersey's configuration in one place, so the in-memory tests run exactly the API that is deployed.
 *
 * @param bearer authenticates Logto access tokens
 * @param sessions who is signed in on a request's browser session
 * @param adminRole the Logto role of the admin console's users
 * @param appBaseUrl this application's public URL, the only origin that may change state
 * @param sessionTokens a signed-in user's tokens
 * @param health the public and the administrators' health views
 * @param backChannelLogout Logto's logouts
 * @param mailCaller the Authorization value Logto's HTTP email connector presents
 * @param sender the mail sender, absent when MAIL_CONFIG_FILE is not set
 * @param mail the sender's parts for the admin console, absent likewise
 * @param extensions where a team's {@link ApiExtension}s are found
 */
public record RestApi(
    BearerAuthentication bearer,
    SessionLookup sessions,
    String adminRole,
    String appBaseUrl,
    SessionTokens sessionTokens,
    HealthChecks health,
    BackChannelLogout backChannelLogout,
    CallerAuthorization mailCaller,
    Optional<MailService> sender,
    Optional<MailComponents> mail,
    ClassLoader extensions) {

  private static final Logger LOG = Logger.getLogger(RestApi.class.getName());

  /**
   * The largest request body of any endpoint: Logto's largest email payload (an invitation with
   * branding) and a mail configuration with every template are far below it.
   */
  public static final long MAX_BODY_BYTES = 256 * 1024;

  /** Every filter, resource and mapper, each handed its collaborators, and the team's own. */
  public ResourceConfig resourceConfig() {
    ResourceConfig api = new ResourceConfig();
    api.register(JacksonFeature.withoutExceptionMappers());
    api.register(new RequestBodyLimit(MAX_BODY_BYTES));
    api.register(new AuthenticationFilter(bearer, sessions));
    api.register(new AdminAccessFilter(sessions, adminRole, appBaseUrl));
    api.register(new NoStoreFilter());
    resources(
        api,
        new MeResource(),
        new MeTokensResource(sessionTokens),
        new ScopesDemoResource(),
        new HealthResource(health),
        new AdminHealthResource(health),
        new BackChannelLogoutResource(backChannelLogout),
        new EmailConnectorResource(mailCaller, sender),
        new MailConfigResource(mail));
    api.register(new CodedExceptionMapper());
    api.register(new WebApplicationExceptionMapper());
    api.register(new JsonProcessingExceptionMapper());
    api.register(new UnexpectedExceptionMapper());
    for (ApiExtension extension : ServiceLoader.load(ApiExtension.class, extensions)) {
      LOG.info("Adding the API extension " + extension.getClass().getName());
      api.register(extension);
    }
    api.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    api.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    return api;
  }

  /**
   * Registers the resources built by the composition root. Jersey logs a misleading "will be
   * ignored" warning for every resource registered as an instance (jersey#3700); registering each
   * class and binding it to its instance serves the same instances without the warning. One binder
   * for all: Jersey keeps only the first component of any one class.
   */
  private static void resources(ResourceConfig api, Object... resources) {
    api.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            for (Object resource : resources) {
              bindInstance(this, resource);
            }
          }
        });
    for (Object resource : resources) {
      api.register(resource.getClass());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void bindInstance(AbstractBinder binder, T resource) {
    binder.bind(resource).to((Class<T>) resource.getClass());
  }
}
