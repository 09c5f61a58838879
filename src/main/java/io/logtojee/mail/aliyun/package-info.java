/**
 * DirectMail's SingleSendMail over {@code java.net.http}, without the Aliyun SDK: the V2 RPC
 * signature, the action's parameters, the pure builder of each attempt's signed form, the HTTP
 * exchange, the reading of DirectMail's answers, the retry rules, the client that composes them and
 * the transport built on it.
 */
package io.logtojee.mail.aliyun;
