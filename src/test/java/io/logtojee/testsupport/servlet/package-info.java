/**
 * Hand-written stand-ins for the servlet API (request, response, session, filter chain), so that
 * filters and resources run in a plain unit test without a container or a mocking library.
 */
package io.logtojee.testsupport.servlet;
