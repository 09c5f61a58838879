package io.logtojee.mail.template.logto;

/** One complete fetch of Logto's templates and fallback language; the cache's only way to Logto. */
@FunctionalInterface
interface LogtoTemplateFetcher {

  /**
   * @throws ManagementApiException when any part of the fetch fails; nothing partial is returned
   */
  LogtoTemplateSet fetch();
}
