package io.logtojee.mail.aliyun;

import io.logtojee.mail.OutgoingMail;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.sending.MailTransport;
import java.util.Objects;

/** Sends through DirectMail's HTTP API, with the region and credentials of the given config. */
public final class DirectMailTransport implements MailTransport {
  private final DirectMailClient client;

  public DirectMailTransport(DirectMailClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public SendReceipt send(OutgoingMail mail, AliyunDmConfig config) {
    DirectMailTarget target =
        new DirectMailTarget(
            config.apiEndpoint(),
            config.region().id(),
            config.accessKeyId(),
            config.accessKeySecret());
    return client.send(target, SingleSendMail.of(config.accountName(), mail));
  }
}
