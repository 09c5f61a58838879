/**
 * DirectMail's SingleSendMail over {@code java.net.http}, without the Aliyun SDK: the V2 RPC
 * signature, the action's parameters, the client with its timeout and retry rules, and the
 * transport built on it.
 */
package io.logtojee.mail.aliyun;
