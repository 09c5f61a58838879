package io.logtojee.api;

import jakarta.ws.rs.core.Feature;

/**
 * The one extension point for a team's own REST resources and filters: implement this Jakarta REST
 * {@link Feature}, register your resources in {@link #configure}, and list the class in {@code
 * META-INF/services/io.logtojee.api.ApiExtension} (a WAR overlay adds both to {@code
 * WEB-INF/classes}). Resources registered here run under {@code /api/*} beside the application's
 * own, so {@code @AcceptsBearer}, {@code @RequiresScope}, the caller in {@code SecurityContext} and
 * the JSON error edge apply to them too.
 */
public interface ApiExtension extends Feature {}
