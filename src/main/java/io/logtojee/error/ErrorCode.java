package io.logtojee.error;

/**
 * Why an operation failed, independent of HTTP. Each capability has its own enum of codes; the REST
 * edge alone maps a code to a status.
 */
public interface ErrorCode {

  /** The stable, lower-case name used in JSON error bodies, e.g. {@code template_not_found}. */
  String wireName();
}
