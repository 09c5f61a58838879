package io.logtojee.mail.smtp;

import io.logtojee.mail.BodyFormat;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.OutgoingMail;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.sending.MailTransport;
import io.logtojee.mail.template.TemplateRenderer;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends through DirectMail's SMTP interface: SMTPS (implicit TLS) on port 465 to the region's SMTP
 * host, logged in as the sender address with its SMTP password (not the AccessKey).
 *
 * <p>The message has exactly one recipient, set as an address object and passed explicitly to the
 * transport, and a subject and display name with control characters removed, so no value can add a
 * header or a second recipient.
 */
public final class SmtpTransport implements MailTransport {
  private static final Logger LOG = Logger.getLogger(SmtpTransport.class.getName());
  private static final String PROTOCOL = "smtps";
  private static final Pattern ENV_ID =
      Pattern.compile("envid=([A-Za-z0-9._-]{1,100})", Pattern.CASE_INSENSITIVE);

  private final SmtpSettings settings;

  public SmtpTransport(SmtpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public SendReceipt send(OutgoingMail mail, AliyunDmConfig config) {
    String host =
        settings.hostOverride() != null ? settings.hostOverride() : config.region().smtpHost();
    Session session = Session.getInstance(sessionProperties(host, config.accountName()));
    MimeMessage message;
    InternetAddress recipient;
    try {
      recipient = new InternetAddress(mail.to().address(), true);
      message = compose(session, mail, config.accountName(), recipient);
    } catch (AddressException e) {
      throw new MailException(
          MailErrorCode.INVALID_RECIPIENT, "The recipient is not a valid address.", e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailException(
          MailErrorCode.PROVIDER_REJECTED, "The mail could not be composed.", e);
    }

    Transport transport;
    try {
      transport = session.getTransport(PROTOCOL);
      transport.connect(host, settings.port(), config.accountName(), config.smtpPassword());
    } catch (AuthenticationFailedException e) {
      throw new MailException(
          MailErrorCode.INVALID_CONFIG, "The SMTP server refused the sender's login.", e);
    } catch (MessagingException e) {
      throw new MailException(
          MailErrorCode.PROVIDER_UNAVAILABLE, "The SMTP server could not be reached.", e);
    }
    try {
      transport.sendMessage(message, new Address[] {recipient});
      String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
      return new SendReceipt(envIdFrom(reply), message.getMessageID());
    } catch (SendFailedException e) {
      throw refused(e);
    } catch (MessagingException e) {
      // An I/O failure once the transaction started may come after the server took the data.
      throw new MailException(
          MailErrorCode.OUTCOME_UNKNOWN,
          "The SMTP connection broke during the send; the mail may have been sent.",
          e);
    } finally {
      closeQuietly(transport);
    }
  }

  private Properties sessionProperties(String host, String accountName) {
    Properties properties = new Properties();
    String prefix = "mail." + PROTOCOL + ".";
    properties.setProperty("mail.transport.protocol", PROTOCOL);
    properties.setProperty(prefix + "host", host);
    properties.setProperty(prefix + "port", Integer.toString(settings.port()));
    properties.setProperty(prefix + "auth", "true");
    properties.setProperty(prefix + "from", accountName);
    properties.setProperty(prefix + "connectiontimeout", millis(settings.connectTimeout()));
    properties.setProperty(prefix + "timeout", millis(settings.readTimeout()));
    properties.setProperty(prefix + "writetimeout", millis(settings.writeTimeout()));
    properties.setProperty(
        prefix + "ssl.checkserveridentity", Boolean.toString(settings.checkServerIdentity()));
    if (settings.socketFactory() != null) {
      properties.put(prefix + "ssl.socketFactory", settings.socketFactory());
    }
    return properties;
  }

  private static MimeMessage compose(
      Session session, OutgoingMail mail, String accountName, InternetAddress recipient)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage message = new MimeMessage(session);
    String alias =
        mail.fromAlias() == null ? null : TemplateRenderer.stripLineBreaks(mail.fromAlias());
    message.setFrom(
        new InternetAddress(
            accountName,
            alias == null || alias.isEmpty() ? null : alias,
            StandardCharsets.UTF_8.name()));
    message.setRecipient(Message.RecipientType.TO, recipient);
    message.setSubject(
        TemplateRenderer.stripLineBreaks(mail.subject()), StandardCharsets.UTF_8.name());
    // The MIME subtype follows the template: text/plain or text/html.
    message.setText(
        mail.body(),
        StandardCharsets.UTF_8.name(),
        mail.format() == BodyFormat.TEXT ? "plain" : "html");
    message.setSentDate(new Date());
    message.saveChanges();
    return message;
  }

  private static MailException refused(SendFailedException e) {
    int code =
        e instanceof SMTPAddressFailedException address
            ? address.getReturnCode()
            : e instanceof SMTPSendFailedException send ? send.getReturnCode() : -1;
    boolean transientFailure = code >= 400 && code < 500;
    if (transientFailure) {
      return new MailException(
          MailErrorCode.PROVIDER_UNAVAILABLE,
          "The SMTP server deferred the mail (" + code + "); try again later.",
          e);
    }
    if (e instanceof SMTPAddressFailedException
        || (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0)) {
      return new MailException(
          MailErrorCode.INVALID_RECIPIENT,
          "The SMTP server refused the recipient address" + (code > 0 ? " (" + code + ")." : "."),
          e);
    }
    return new MailException(
        MailErrorCode.PROVIDER_REJECTED,
        "The SMTP server rejected the mail" + (code > 0 ? " (" + code + ")." : "."),
        e);
  }

  /** DirectMail's SMTP reply carries the EnvId as {@code envid=...}; other servers have none. */
  static String envIdFrom(String reply) {
    if (reply == null) {
      return null;
    }
    Matcher matcher = ENV_ID.matcher(reply);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String millis(java.time.Duration duration) {
    return Long.toString(duration.toMillis());
  }

  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      LOG.log(Level.FINE, "closing the SMTP connection failed", e);
    }
  }
}
