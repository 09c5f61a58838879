/**
 * The application's services, built once at start-up and shared by the web filters and the REST
 * resources through the servlet context.
 */
package io.logtojee.app;
