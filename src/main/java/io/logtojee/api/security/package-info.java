/**
 * Who a REST request comes from: a Logto access token (Bearer) or the browser session, with the
 * scope and same-origin checks the resources declare.
 */
package io.logtojee.api.security;
