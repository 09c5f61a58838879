package io.logtojee.api;

import io.logtojee.mail.CallerAuthorization;
import io.logtojee.mail.EmailRequest;
import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.sending.MailService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint Logto's HTTP email connector calls to deliver a one-time code: checks the caller's
 * Authorization value before reading a byte of the body (it takes the body as a stream, which
 * Jersey does not read in advance), then hands the request to the sender. Answers 200 only after
 * DirectMail (or the SMTP server) accepted the mail.
 */
@Path("/mail/send")
public class EmailConnectorResource {

  private final CallerAuthorization caller;
  private final Optional<MailService> mail;

  /**
   * @param caller the Authorization value Logto's HTTP email connector must present
   * @param mail the sender, absent when MAIL_CONFIG_FILE is not set
   */
  public EmailConnectorResource(CallerAuthorization caller, Optional<MailService> mail) {
    this.caller = caller;
    this.mail = mail;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> send(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body)
      throws IOException {
    if (!caller.matches(authorization)) {
      throw new MailException(
          MailErrorCode.UNAUTHORIZED, "The Authorization header does not match the configuration");
    }
    EmailRequest request = JsonBodies.read(body, EmailRequest.class);
    SendReceipt receipt =
        mail.orElseThrow(
                () ->
                    new MailException(
                        MailErrorCode.MAIL_DISABLED,
                        "Mail is disabled: MAIL_CONFIG_FILE is not set"))
            .send(request);
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("envId", receipt.envId());
    answer.put("requestId", receipt.requestId());
    return answer;
  }
}
