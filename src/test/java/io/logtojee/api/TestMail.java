package io.logtojee.api;

import io.logtojee.mail.MailFixtures;
import io.logtojee.mail.OutgoingMail;
import io.logtojee.mail.SendReceipt;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.config.InMemoryMailConfigStore;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.limit.InMemorySendCounterStore;
import io.logtojee.mail.limit.SendLimitPolicy;
import io.logtojee.mail.limit.SendLimits;
import io.logtojee.mail.sending.MailService;
import io.logtojee.mail.sending.MailTransport;
import io.logtojee.mail.setup.MailComponents;
import io.logtojee.mail.setup.MailDeploymentSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mail senders for API tests: real {@link MailService}s in memory, with a recording transport. */
public final class TestMail {

  public static final MailConfigLoader LOADER = MailFixtures.strictLoader();

  private TestMail() {}

  /** {@code config-valid.json}: the four required templates, DirectMail API transport. */
  public static AliyunDmConfig validConfig() {
    return LOADER.parse(MailFixtures.resource("config-valid.json"));
  }

  /** A sender with {@link #validConfig()} that hands mail to {@code transport}. */
  public static MailService sending(MailTransport transport) {
    return service(validConfig(), transport);
  }

  /** A sender whose stored configuration is {@code config} (null: none, invalid: disabled). */
  public static MailService service(AliyunDmConfig config, MailTransport transport) {
    return new MailService(
        new InMemoryMailConfigStore(LOADER, config),
        Map.of(io.logtojee.mail.config.TransportKind.API, transport),
        new SendLimits(
            SendLimitPolicy.defaults(), new InMemorySendCounterStore(), Clock.systemUTC()));
  }

  /**
   * Mail components as the composition root builds them, but holding {@link #validConfig()} in
   * memory; {@code file} is only named, never read or written.
   */
  public static MailComponents components(Path file) {
    return components(MailDeploymentSettings.defaults(file));
  }

  /** Mail parts with these deployment settings and the valid configuration in memory. */
  public static MailComponents components(MailDeploymentSettings settings) {
    MailConfigLoader loader = MailComponents.configLoaderFor(settings);
    return new MailComponents(
        settings,
        loader,
        new InMemoryMailConfigStore(loader, validConfig()),
        new InMemorySendCounterStore());
  }

  /** A transport that accepts every mail and keeps it. */
  public static final class RecordingTransport implements MailTransport {
    private final List<OutgoingMail> sent = new ArrayList<>();

    @Override
    public synchronized SendReceipt send(OutgoingMail mail, AliyunDmConfig config) {
      sent.add(mail);
      return new SendReceipt("env-" + sent.size(), "request-" + sent.size());
    }

    public synchronized List<OutgoingMail> sent() {
      return List.copyOf(sent);
    }
  }
}
