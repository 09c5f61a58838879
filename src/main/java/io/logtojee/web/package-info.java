/**
 * The browser side of sign-in: registers pac4j's filters in order with the project's guards in
 * front of them, and owns every redirect the application sends.
 */
package io.logtojee.web;
