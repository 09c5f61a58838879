package io.logtojee.state.redis;

import io.logtojee.mail.MailErrorCode;
import io.logtojee.mail.MailException;
import io.logtojee.mail.config.AliyunDmConfig;
import io.logtojee.mail.config.ConfigRevisions;
import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.config.InvalidMailConfigException;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigSnapshot;
import io.logtojee.mail.config.MailConfigStore;
import io.logtojee.mail.config.MailConfigView;
import io.logtojee.state.StateStoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link MailConfigStore} in Redis, shared by every node: one hash holding the configuration JSON
 * (with its secrets, so Redis must be protected like the file) and its ETag, the revision.
 *
 * <p>{@link #snapshot()} reads only the revision, and the JSON only when the revision changed, so a
 * configuration an admin saved on any node is used for the next mail on every node, without a
 * restart. {@link #replace} is a compare-and-set in Redis (a Lua script compares the stored
 * revision with the one the admin edited), so of two saves based on one revision, on any nodes,
 * exactly one wins. Validation is {@link MailConfigLoader}'s, as for the file.
 *
 * <p>When Redis holds no configuration yet, the first node to start copies MAIL_CONFIG_FILE into
 * it, if the key is still absent then, so nodes starting together agree on one. When Redis cannot
 * be reached, {@link #snapshot()} keeps answering with the configuration this node loaded last
 * (mail is disabled if it never loaded one) and {@link #replace} refuses with {@code
 * STATE_STORE_UNAVAILABLE}, changing nothing.
 */
public final class RedisMailConfigStore implements MailConfigStore {
  private static final Logger LOG = Logger.getLogger(RedisMailConfigStore.class.getName());

  /** KEYS: the hash. ARGV: JSON, ETag. Stores them only where nothing is stored yet. */
  private static final RedisScript SEED =
      RedisScript.of(
          "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end\n"
              + "redis.call('HSET', KEYS[1], 'json', ARGV[1], 'etag', ARGV[2])\n"
              + "return 1\n");

  /**
   * KEYS: the hash. ARGV: the ETag the change is based on ('' for none stored), JSON, new ETag.
   * Returns 1 when replaced, 0 when the stored revision is another.
   */
  private static final RedisScript REPLACE =
      RedisScript.of(
          "local current = redis.call('HGET', KEYS[1], 'etag') or ''\n"
              + "if current ~= ARGV[1] then return 0 end\n"
              + "redis.call('HSET', KEYS[1], 'json', ARGV[2], 'etag', ARGV[3])\n"
              + "return 1\n");

  private static final String NOTHING_STORED_ETAG = ConfigRevisions.etagOf(new byte[0]);
  private static final String NOT_READ_YET =
      "the mail configuration could not be read from Redis yet";

  /** The snapshot plus what only the store needs: whether Redis holds a config, and its secrets. */
  private record State(MailConfigSnapshot snapshot, boolean stored, AliyunDmConfig secretSource) {}

  private final RedisConnection redis;
  private final MailConfigLoader loader;
  private final Optional<Path> seedFile;
  private final String key;
  private final Runnable beforeCompareAndSet;
  private final Object writeLock = new Object();
  private volatile State state;
  private volatile boolean seedTried;

  /**
   * Seeds Redis from {@code seedFile} when it holds no configuration, and loads what Redis holds;
   * if Redis cannot be reached yet, both happen on the first {@link #snapshot()} that reaches it.
   *
   * @param seedFile MAIL_CONFIG_FILE, copied into Redis when Redis holds no configuration yet
   */
  public RedisMailConfigStore(
      RedisConnection redis, MailConfigLoader loader, Optional<Path> seedFile) {
    this(redis, loader, seedFile, () -> {});
  }

  /**
   * @param beforeCompareAndSet runs between reading the revision and the compare-and-set, so a test
   *     can let another node's save land there
   */
  RedisMailConfigStore(
      RedisConnection redis,
      MailConfigLoader loader,
      Optional<Path> seedFile,
      Runnable beforeCompareAndSet) {
    this.beforeCompareAndSet = Objects.requireNonNull(beforeCompareAndSet, "beforeCompareAndSet");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.seedFile = Objects.requireNonNull(seedFile, "seedFile");
    this.key = redis.key("mail-config");
    this.state =
        new State(
            MailConfigSnapshot.disabled(NOTHING_STORED_ETAG, NOT_READ_YET, List.of()), false, null);
    snapshot();
  }

  @Override
  public MailConfigSnapshot snapshot() {
    try {
      String revision = redis.call("reading the mail configuration", r -> r.hget(key, "etag"));
      State current = state;
      if (revision == null && !seedTried) {
        seed();
        revision = redis.call("reading the mail configuration", r -> r.hget(key, "etag"));
      }
      if (revision == null) {
        if (current.stored() || NOT_READ_YET.equals(current.snapshot().problem())) {
          state = nothingStored();
        }
      } else if (!current.stored() || !revision.equals(current.snapshot().etag())) {
        state = load();
      }
    } catch (StateStoreUnavailableException e) {
      // Keep sending with what this node loaded last; RedisConnection logs the outage once.
    }
    return state.snapshot();
  }

  @Override
  public MailConfigSnapshot replace(AliyunDmConfig candidate, String ifMatch) {
    Objects.requireNonNull(candidate, "candidate");
    synchronized (writeLock) {
      State before;
      try {
        before = load();
      } catch (StateStoreUnavailableException e) {
        throw unavailable(e);
      }
      state = before;
      ConfigRevisions.checkPrecondition(ifMatch, before.snapshot().etag(), before.stored());
      AliyunDmConfig merged = candidate.withSecretsFrom(before.secretSource());
      List<ConfigViolation> violations = loader.validate(merged);
      if (!violations.isEmpty()) {
        throw new InvalidMailConfigException(violations);
      }
      byte[] content = loader.toJson(merged);
      String etag = ConfigRevisions.etagOf(content);
      beforeCompareAndSet.run();
      Object replaced;
      try {
        replaced =
            redis.eval(
                "saving the mail configuration",
                REPLACE,
                List.of(key),
                List.of(
                    before.stored() ? before.snapshot().etag() : "",
                    new String(content, StandardCharsets.UTF_8),
                    etag));
      } catch (StateStoreUnavailableException e) {
        throw unavailable(e);
      }
      if (!Long.valueOf(1).equals(replaced)) {
        throw new MailException(
            MailErrorCode.CONFIG_PRECONDITION_FAILED,
            "The configuration was changed since you read it; reload it and apply your edit again.");
      }
      state = new State(MailConfigSnapshot.active(merged, etag), true, merged);
      LOG.info(
          "mail configuration replaced in Redis; changed: "
              + MailConfigView.changedFields(before.snapshot().config(), merged));
      return state.snapshot();
    }
  }

  private static MailException unavailable(StateStoreUnavailableException e) {
    return new MailException(
        MailErrorCode.STATE_STORE_UNAVAILABLE,
        "The shared configuration store cannot be reached; nothing was changed.",
        e);
  }

  /** Copies the file into Redis unless Redis holds a configuration; tried until Redis answers. */
  private void seed() {
    if (seedFile.isEmpty()) {
      seedTried = true;
      return;
    }
    Path file = seedFile.get();
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      seedTried = true;
      LOG.warning("Redis holds no mail configuration and " + file + " does not exist");
      return;
    } catch (IOException e) {
      seedTried = true;
      LOG.log(Level.SEVERE, "Redis holds no mail configuration and " + file + " cannot be read", e);
      return;
    }
    Object seeded =
        redis.eval(
            "copying the mail configuration into Redis",
            SEED,
            List.of(key),
            List.of(new String(content, StandardCharsets.UTF_8), ConfigRevisions.etagOf(content)));
    seedTried = true;
    if (Long.valueOf(1).equals(seeded)) {
      LOG.info("mail configuration copied from " + file + " into Redis");
    }
  }

  private State nothingStored() {
    LOG.warning("mail disabled: Redis holds no mail configuration");
    return new State(
        MailConfigSnapshot.disabled(
            NOTHING_STORED_ETAG, "no mail configuration is stored in Redis", List.of()),
        false,
        null);
  }

  /** Reads the stored configuration and validates it, as the file store does its file. */
  private State load() {
    // One read of both fields: they are always written together, so they belong together.
    List<String> stored =
        redis.call("reading the mail configuration", r -> r.hmget(key, "json", "etag"));
    String json = stored.get(0);
    String etag = stored.get(1);
    if (json == null || etag == null) {
      return nothingStored();
    }
    try {
      AliyunDmConfig config = loader.parse(json);
      if (!etag.equals(state.snapshot().etag())) {
        LOG.info("mail configuration loaded from Redis, revision " + etag);
      }
      return new State(MailConfigSnapshot.active(config, etag), true, config);
    } catch (InvalidMailConfigException e) {
      if (!etag.equals(state.snapshot().etag())) {
        LOG.severe(
            "mail disabled: the configuration in Redis has "
                + e.violations().size()
                + " violation(s)");
        e.violations().forEach(v -> LOG.severe("mail configuration violation: " + v));
      }
      return new State(
          MailConfigSnapshot.disabled(etag, "mail configuration is invalid", e.violations()),
          true,
          loader.secretsOfInvalid(json));
    }
  }
}
