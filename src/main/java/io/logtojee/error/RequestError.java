package io.logtojee.error;

/** What is wrong with a request itself, whatever the endpoint. */
public enum RequestError implements ErrorCode {
  /** A required part of the request is missing or has the wrong shape. */
  INVALID_REQUEST("invalid_request"),
  /** The body is not the JSON the endpoint expects. */
  INVALID_JSON("invalid_json"),
  /** A query parameter is not acceptable; the details name it. */
  INVALID_PARAMETER("invalid_parameter"),
  /** The body is larger than the endpoint accepts. */
  PAYLOAD_TOO_LARGE("payload_too_large"),
  /** The endpoint does not accept this method. */
  METHOD_NOT_ALLOWED("method_not_allowed"),
  /** Something failed on our side; the details quote an incident id found in the log. */
  INTERNAL_ERROR("internal_error");

  private final String wireName;

  RequestError(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
