package org.paysaga.cli.connect;

import io.temporal.common.converter.DataConverter;
import java.nio.file.Files;
import org.paysaga.catalog.Defaults;
import org.paysaga.codec.DevelopmentKey;
import org.paysaga.codec.PayloadKeySettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.paysaga.cli.DurationConverter;
import org.paysaga.cli.errors.CliException;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.TemporalUi;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after its name. Each connection option defaults to
 * an environment variable ({@link EnvironmentDefaults}), then to the local default.
 */
public final class GlobalOptions {
  private static final PayloadKeySettings.Names CODEC_SETTINGS =
      new PayloadKeySettings.Names("--codec=false (SAGA_CODEC_ENABLED=false)", "--codec-key-file (SAGA_CODEC_KEYFILE)",
          "--codec-keys (SAGA_CODEC_KEYS)");

  @Option(names = "--temporal-address", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT, order = 100,
      description = "Temporal frontend (env TEMPORAL_ADDRESS, default 127.0.0.1:7233).")
  String temporalAddress;

  @Option(names = "--namespace", paramLabel = "NS", scope = ScopeType.INHERIT, order = 101,
      description = "Temporal namespace (env TEMPORAL_NAMESPACE, default default).")
  String namespace;

  @Option(names = "--task-queue", paramLabel = "QUEUE", scope = ScopeType.INHERIT, order = 102,
      description = "Task queue of the saga workers (env SAGA_TASK_QUEUE, default payment-saga).")
  String taskQueue;

  @Option(names = "--redis-url", paramLabel = "URL", scope = ScopeType.INHERIT, order = 103,
      description = "Redis of the DLQ (env REDIS_URL, default redis://127.0.0.1:6379); rediss:// for TLS, "
          + "redis://[user:]password@host:port for AUTH, redis-sentinel:// too.")
  String redisUrl;

  @Option(names = "--ui-url", paramLabel = "URL", scope = ScopeType.INHERIT, order = 104,
      description = "Temporal UI, for links (env TEMPORAL_UI_URL; default the dev server's: the Temporal "
          + "address's host, its port + 1000, e.g. http://127.0.0.1:8233).")
  String uiUrl;

  @Option(names = "--tls", paramLabel = "true|false", arity = "0..1", scope = ScopeType.INHERIT, order = 110,
      description = "TLS to Temporal (env TEMPORAL_TLS). On by itself with --tls-cert, --tls-ca or "
          + "--api-key; --tls=false keeps plain text even then.")
  Boolean tls;

  @Option(names = "--tls-cert", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 111,
      description = "Client certificate chain, PEM, for mutual TLS (env TEMPORAL_TLS_CERT).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 112,
      description = "Private key of the client certificate, PKCS#8 PEM (env TEMPORAL_TLS_KEY).")
  Path tlsKey;

  @Option(names = "--tls-ca", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 113,
      description = "CA certificates to trust for Temporal, PEM (env TEMPORAL_TLS_CA; default: the JVM's).")
  Path tlsCa;

  @Option(names = "--tls-server-name", paramLabel = "NAME", scope = ScopeType.INHERIT, order = 114,
      description = "Server name to verify and send (SNI), if not the address host (env TEMPORAL_TLS_SERVER_NAME).")
  String tlsServerName;

  @Option(names = "--api-key", paramLabel = "KEY", scope = ScopeType.INHERIT, order = 115,
      description = "API key for Temporal, sent as a bearer token (env TEMPORAL_API_KEY).")
  String apiKey;

  @Option(names = "--redis-password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT, order = 120,
      description = "Redis AUTH password, instead of one in the URL (env REDIS_PASSWORD).")
  String redisPassword;

  @Option(names = "--redis-username", paramLabel = "USER", scope = ScopeType.INHERIT, order = 121,
      description = "Redis ACL user for AUTH (env REDIS_USERNAME).")
  String redisUsername;

  @Option(names = "--redis-ca", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 122,
      description = "CA certificates to trust for rediss://, PEM (env REDIS_TLS_CA; default: the JVM's).")
  Path redisCa;

  @Option(names = "--redis-cluster", paramLabel = "true|false", arity = "0..1", scope = ScopeType.INHERIT,
      order = 123, description = "Use the Redis Cluster client even for one seed URL (env SAGA_REDIS_CLUSTER); "
          + "several comma-separated URLs mean a cluster anyway.")
  boolean redisCluster;

  @Option(names = "--redis-key-prefix", paramLabel = "PREFIX", scope = ScopeType.INHERIT, order = 124,
      description = "Prefix of the saga keys in Redis, as the workers have it (env SAGA_REDIS_KEYPREFIX, "
          + "default saga).")
  String redisKeyPrefix;

  @Option(names = "--idempotency-ttl", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = DurationConverter.class, order = 125,
      description = "TTL that dlq resolve gives the idempotency records of a saga Temporal ended; keep it "
          + "the workers' saga.idempotency.ttl (env SAGA_IDEMPOTENCY_TTL, default 7d).")
  Duration idempotencyTtl;

  @Option(names = "--codec-key-file", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 126,
      description = "Payload keys of the workers, <key-id>:<base64> lines, the last encrypts (env SAGA_CODEC_KEYFILE; "
          + "default: SAGA_CODEC_KEYS, else the local stack's development key when it exists).")
  Path codecKeyFile;

  @Option(names = "--codec-keys", paramLabel = "KEYS", scope = ScopeType.INHERIT, order = 127,
      description = "The key lines themselves, comma-separated (env SAGA_CODEC_KEYS; prefer the variable or the "
          + "file: a command line shows in ps).")
  String codecKeys;

  @Option(names = "--codec", paramLabel = "true|false", arity = "0..1", scope = ScopeType.INHERIT, order = 128,
      description = "Encrypt payloads as the workers do (env SAGA_CODEC_ENABLED, default true); false only where "
          + "the workers run with saga.codec.enabled=false.")
  boolean codec = true;

  @Option(names = "--json", scope = ScopeType.INHERIT, order = 130,
      description = "Print exactly one JSON object on stdout (messages go to stderr).")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, order = 131,
      description = "Show stack traces of errors.")
  boolean verbose;

  /** Where the options' defaults come from: the local stack's data directory is found there too. */
  private Map<String, String> environment = System.getenv();

  public String temporalAddress() {
    return temporalAddress;
  }

  public String namespace() {
    return namespace;
  }

  public String taskQueue() {
    return taskQueue;
  }

  public String redisUrl() {
    return redisUrl;
  }

  public String uiUrl() {
    return uiUrl != null ? uiUrl : TemporalUi.defaultUrl(temporalAddress);
  }

  public Boolean tls() {
    return tls;
  }

  public Path tlsCert() {
    return tlsCert;
  }

  public Path tlsKey() {
    return tlsKey;
  }

  public Path tlsCa() {
    return tlsCa;
  }

  public String tlsServerName() {
    return tlsServerName;
  }

  public String apiKey() {
    return apiKey;
  }

  public String redisPassword() {
    return redisPassword;
  }

  public String redisUsername() {
    return redisUsername;
  }

  public Path redisCa() {
    return redisCa;
  }

  /** The worker's key prefix; a bad one is exit 2 naming the option, before any connection. */
  public SagaKeyspace keyspace() {
    try {
      return new SagaKeyspace(redisKeyPrefix);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--redis-key-prefix", "must be non-blank and free of braces");
    }
  }

  public boolean redisCluster() {
    return redisCluster;
  }

  public Duration idempotencyTtl() {
    return idempotencyTtl;
  }

  /**
   * The data converter of the workers: their keys from {@code --codec-key-file} or
   * {@code SAGA_CODEC_KEYS}, else the local stack's development key; a missing or bad key is exit 2.
   */
  public DataConverter dataConverter() {
    Path keyFile = codecKeyFile;
    String keys = codecKeys;
    if (codec && keyFile == null && (keys == null || keys.isBlank())) {
      Path developmentKey = DevelopmentKey.file(Defaults.localDataDir(environment));
      keyFile = Files.isRegularFile(developmentKey) ? developmentKey : null;
    }
    try {
      return new PayloadKeySettings(codec, keyFile, keys).dataConverter(CODEC_SETTINGS);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("payload encryption", e.getMessage());
    }
  }

  /** The environment the command line takes its defaults from ({@code SagaCli.run}'s). */
  public void environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }
}
