package io.logtojee.testsupport.dm;

/** How {@link FakeDirectMail} answers a request that passed every check. */
public enum FakeDirectMailScenario {
  /** 200 with EnvId and RequestId; the mail is recorded. */
  SUCCESS,
  /** 400 {@code InvalidToAddress}. */
  INVALID_TO_ADDRESS,
  /** 400 {@code InvalidSendMail.Spam}: spam filter, frequency or quota. */
  SPAM,
  /** 400 {@code Throttling.User}: API flow control. */
  THROTTLING_USER,
  /** 500 {@code InternalError}. */
  HTTP_500,
  /** 503 {@code ServiceUnavailable}. */
  HTTP_503,
  /** The mail is recorded, then the answer is held until released or closed. */
  ACCEPT_THEN_HANG,
  /** The mail is recorded, then the connection is closed without an answer. */
  ACCEPT_THEN_RESET,
  /** 404 {@code InvalidMailAddress.NotFound}: no such sender address in this region. */
  SENDER_NOT_FOUND
}
