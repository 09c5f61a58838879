/**
 * Who a REST request comes from, a Logto access token (Bearer) or the browser session, put into
 * Jakarta REST's {@code SecurityContext}; with the scope and same-origin checks resources declare.
 */
package io.logtojee.api.security;
