/**
 * The DirectMail configuration in the shape of Logto's Aliyun DM connector: Bean Validation rules,
 * JSON loading with per-key violations, and stores that swap a validated config atomically.
 */
package io.logtojee.mail.config;
