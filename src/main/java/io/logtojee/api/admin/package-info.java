/**
 * The admin API: view, validate, test-send and save the DirectMail connector configuration, open
 * only to signed-in users holding the admin role and protected against cross-site requests.
 */
package io.logtojee.api.admin;
