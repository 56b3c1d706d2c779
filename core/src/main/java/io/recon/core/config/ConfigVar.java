package io.recon.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of every environment variable recon reads: its name, its default, whether its value
 * is a secret, who reads it, and one line of meaning. The composition roots read the environment
 * once and hand these variables down in a {@link ReconConfig}; the {@code --help} footer, the table
 * in {@code docs/operations.md} and the deploy checks come from this list or are checked against
 * it.
 */
public enum ConfigVar {
  TEMPORAL_ADDRESS(Reader.EVERY, Secrecy.PLAIN, "127.0.0.1:7233", "Temporal frontend (host:port)"),
  TEMPORAL_NAMESPACE(Reader.EVERY, Secrecy.PLAIN, "default", "Temporal namespace"),
  TEMPORAL_TLS_CERT(
      Reader.EVERY,
      Secrecy.PLAIN,
      null,
      "PEM client certificate file for mutual TLS to Temporal (with TEMPORAL_TLS_KEY)"),
  TEMPORAL_TLS_KEY(
      Reader.EVERY,
      Secrecy.PLAIN,
      null,
      "PKCS#8 PEM key file of that certificate; it names a file, whose content is the secret"),
  TEMPORAL_TLS_CA(
      Reader.EVERY,
      Secrecy.PLAIN,
      "the system trust store",
      "PEM CA file that signed Temporal's server certificate"),
  TEMPORAL_API_KEY(
      Reader.EVERY,
      Secrecy.SECRET,
      null,
      "API key sent as a bearer token over TLS (Temporal Cloud)"),
  RECON_TASK_QUEUE(
      Reader.EVERY, Secrecy.PLAIN, "recon", "task queue that workers poll and cycles run on"),
  RECON_SOURCE_URL(
      Reader.EVERY,
      Secrecy.REDACTED,
      "jdbc:postgresql://127.0.0.1:55432/postgres",
      "the authoritative PostgreSQL (JDBC URL)"),
  RECON_SOURCE_USER(Reader.EVERY, Secrecy.PLAIN, "postgres", "user of the source"),
  RECON_SOURCE_PASSWORD(Reader.EVERY, Secrecy.SECRET, null, "password of the source"),
  RECON_STORE_URL(
      Reader.EVERY,
      Secrecy.REDACTED,
      "RECON_SOURCE_URL",
      "the recon store (JDBC URL); it lives in schema recon"),
  RECON_STORE_USER(Reader.EVERY, Secrecy.PLAIN, "RECON_SOURCE_USER", "user of the store"),
  RECON_STORE_PASSWORD(
      Reader.EVERY,
      Secrecy.SECRET,
      "RECON_SOURCE_PASSWORD when RECON_STORE_URL is unset",
      "password of the store"),
  RECON_MONGO_URI(Reader.EVERY, Secrecy.REDACTED, "mongodb://127.0.0.1:27017", "the MongoDB copy"),
  RECON_MONGO_USER(
      Reader.EVERY, Secrecy.PLAIN, null, "user of the MongoDB copy (authenticated against admin)"),
  RECON_MONGO_PASSWORD(Reader.EVERY, Secrecy.SECRET, null, "password of the MongoDB copy"),
  RECON_PAYLOAD_KEY(
      Reader.EVERY,
      Secrecy.SECRET,
      null,
      "base64 AES-256 key(s), comma-separated, encrypting every Temporal payload; identical on"
          + " every worker and CLI"),
  RECON_CODEC_ADDRESS(
      Reader.WORKER,
      Secrecy.PLAIN,
      "127.0.0.1:8888",
      "host:port of the codec server a worker runs when RECON_PAYLOAD_KEY is set; off turns it off"),
  RECON_CODEC_ORIGIN(
      Reader.WORKER,
      Secrecy.PLAIN,
      "http://localhost:8233,http://127.0.0.1:8233",
      "browser origins (the Temporal UI's) allowed to call the codec server"),
  RECON_CODEC_AUTH(
      Reader.WORKER,
      Secrecy.SECRET,
      null,
      "Authorization header value the codec server requires, when set"),
  RECON_AUDIT_KEY(
      Reader.EVERY,
      Secrecy.SECRET,
      null,
      "base64 AES-256 key encrypting repair before-images at rest; distinct from the payload key"),
  RECON_RETENTION_DISCREPANCIES(
      Reader.EVERY,
      Secrecy.PLAIN,
      "keep forever",
      "how long settled discrepancies and their repairs are kept where a spec's retention sets no"
          + " window (recon prune), e.g. 90d"),
  RECON_RETENTION_BEFORE_IMAGES(
      Reader.EVERY,
      Secrecy.PLAIN,
      "keep forever",
      "how long repair before-images are kept where a spec sets none (recon prune), e.g. 30d"),
  RECON_RETENTION_AUDIT(
      Reader.EVERY,
      Secrecy.PLAIN,
      "keep forever",
      "how long audit rows are kept where a spec sets none (recon prune seals them first), e.g."
          + " 7y"),
  RECON_REPLICATION_USER(
      Reader.EVERY,
      Secrecy.PLAIN,
      "RECON_SOURCE_USER",
      "source login a feed streams changes with (granted recon_source_replicator, REPLICATION);"
          + " the source login stays read-only"),
  RECON_REPLICATION_PASSWORD(
      Reader.EVERY,
      Secrecy.SECRET,
      "RECON_SOURCE_PASSWORD when RECON_REPLICATION_USER is unset",
      "password of the replication login"),
  RECON_PRUNER_USER(
      Reader.EVERY,
      Secrecy.PLAIN,
      "RECON_STORE_USER",
      "store login of recon prune (granted recon_pruner, the only role that may delete)"),
  RECON_PRUNER_PASSWORD(
      Reader.EVERY,
      Secrecy.SECRET,
      "RECON_STORE_PASSWORD when RECON_PRUNER_USER is unset",
      "password of the pruner login"),
  RECON_METRICS_PORT(
      Reader.WORKER,
      Secrecy.PLAIN,
      "9464",
      "port of /metrics and /healthz; 0 picks a free one (tests)"),
  RECON_MAX_CONCURRENT_ACTIVITIES(
      Reader.WORKER,
      Secrecy.PLAIN,
      "8",
      "activity slots of one worker: activities it runs at once"),
  RECON_MAX_ACTIVITIES_PER_SECOND(
      Reader.WORKER,
      Secrecy.PLAIN,
      "0",
      "activities one worker starts per second; 0 means no limit"),
  RECON_STICKY_SCHEDULE_TO_START(
      Reader.WORKER,
      Secrecy.PLAIN,
      "5s",
      "how long a workflow's next task waits for the worker that cached it; 0s turns sticky"
          + " execution off (required on the embedded Temporal server)"),
  RECON_ESCALATION_HMAC_KEY(
      Reader.WORKER,
      Secrecy.SECRET,
      null,
      "key of the HMAC-SHA256 signature (X-Recon-Signature) on every escalation a worker posts;"
          + " unsigned when unset"),
  RECON_TEMPORAL_UI_URL(
      Reader.WORKER,
      Secrecy.REDACTED,
      null,
      "base URL of the Temporal UI (e.g. http://localhost:8233), for the cycle link in"
          + " escalations; no link when unset"),
  OTEL_EXPORTER_OTLP_ENDPOINT(
      Reader.EVERY,
      Secrecy.PLAIN,
      null,
      "OTLP collector base URL (http/protobuf: port 4318); setting it turns tracing on"),
  OTEL_EXPORTER_OTLP_PROTOCOL(
      Reader.EVERY, Secrecy.PLAIN, "http/protobuf", "OTLP transport: http/protobuf or grpc"),
  OTEL_EXPORTER_OTLP_HEADERS(
      Reader.EVERY,
      Secrecy.SECRET,
      null,
      "key=value,... headers sent with every export (a collector's auth token)"),
  OTEL_EXPORTER_OTLP_CERTIFICATE(
      Reader.EVERY,
      Secrecy.PLAIN,
      null,
      "PEM file of the CA that signed the collector's certificate"),
  OTEL_EXPORTER_OTLP_TIMEOUT(
      Reader.EVERY, Secrecy.PLAIN, "10000", "milliseconds one export may take"),
  OTEL_TRACES_EXPORTER(
      Reader.EVERY,
      Secrecy.PLAIN,
      "otlp when an endpoint is set, else none",
      "otlp, or none to turn tracing off"),
  OTEL_TRACES_SAMPLER(
      Reader.EVERY,
      Secrecy.PLAIN,
      "parentbased_always_on",
      "sampler: always_on, always_off, traceidratio, parentbased_traceidratio, ..."),
  OTEL_TRACES_SAMPLER_ARG(
      Reader.EVERY, Secrecy.PLAIN, null, "the sampler's argument, e.g. 0.1 for a ratio"),
  OTEL_SERVICE_NAME(
      Reader.EVERY,
      Secrecy.PLAIN,
      "recon-worker or recon-cli",
      "service name of this process's spans"),
  OTEL_RESOURCE_ATTRIBUTES(
      Reader.EVERY,
      Secrecy.PLAIN,
      null,
      "key=value,... resource attributes of every span (deployment.environment=prod)"),
  OTEL_SDK_DISABLED(
      Reader.EVERY, Secrecy.PLAIN, "false", "true turns tracing off whatever else is set"),
  RECON_LOG_FORMAT(Reader.LOGGING, Secrecy.PLAIN, "plain", "json for one JSON object per log line"),
  RECON_LOG_LEVEL(
      Reader.LOGGING,
      Secrecy.PLAIN,
      "WARN",
      "level of recon's own loggers (INFO shows starts and cycles)"),
  RECON_DEV_TEMPORAL_PORT(
      Reader.DEV, Secrecy.PLAIN, "7233", "port of the embedded Temporal server of recon dev"),
  RECON_DEV_POSTGRES_PORT(
      Reader.DEV, Secrecy.PLAIN, "55432", "port of the embedded PostgreSQL of recon dev"),
  RECON_DEV_MONGO_PORT(
      Reader.DEV, Secrecy.PLAIN, "27017", "port of the embedded MongoDB-wire server of recon dev"),
  RECON_HOME(
      Reader.DEV,
      Secrecy.PLAIN,
      ".recon",
      "where the embedded PostgreSQL of recon dev keeps its data across restarts"),
  RECON_JAVA_OPTS(
      Reader.LAUNCHER, Secrecy.PLAIN, null, "JVM options the ./recon launcher passes to java");

  /** Who reads a variable, which decides where it may be set. */
  public enum Reader {
    /** Every recon process that connects: workers and the CLI alike. */
    EVERY,
    /** Only a worker ({@code recon worker}, and the one {@code recon dev} runs). */
    WORKER,
    /** Logback's configuration, in every process. */
    LOGGING,
    /** Only {@code recon dev}, through its option defaults. */
    DEV,
    /** The {@code ./recon} launcher script, before Java starts. */
    LAUNCHER
  }

  /** How much of a value may be shown. */
  public enum Secrecy {
    /** The value may be shown. */
    PLAIN,
    /** A URL that may embed credentials: shown only with them masked (see {@link Endpoint}). */
    REDACTED,
    /** Never shown, logged or put in a plain deploy value; only whether it is set. */
    SECRET
  }

  private final Reader reader;
  private final Secrecy secrecy;
  private final String fallback;
  private final String meaning;

  ConfigVar(Reader reader, Secrecy secrecy, String fallback, String meaning) {
    this.reader = reader;
    this.secrecy = secrecy;
    this.fallback = fallback;
    this.meaning = meaning;
  }

  public Reader reader() {
    return reader;
  }

  public Secrecy secrecy() {
    return secrecy;
  }

  public boolean secret() {
    return secrecy == Secrecy.SECRET;
  }

  /** What applies when the variable is unset, as shown to people; empty when nothing does. */
  public Optional<String> fallback() {
    return Optional.ofNullable(fallback);
  }

  /** The fallback as a value the code uses; fails for a variable whose default is not a value. */
  public String defaultValue() {
    if (fallback == null) {
      throw new IllegalStateException(name() + " has no default value");
    }
    return fallback;
  }

  public String meaning() {
    return meaning;
  }

  /** Whether a deployed worker may be given this variable (the others are for development). */
  public boolean deployable() {
    return reader == Reader.EVERY || reader == Reader.WORKER || reader == Reader.LOGGING;
  }

  /** The variable's value in {@code env}, trimmed; empty when it is unset or blank. */
  public Optional<String> in(Map<String, String> env) {
    String v = env.get(name());
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /**
   * A value of this variable as it may be shown: a secret only as {@code (set)}, a URL with its
   * credentials masked.
   */
  public String display(String value) {
    return switch (secrecy) {
      case PLAIN -> value;
      case REDACTED -> new Endpoint(value, null, null).redactedUrl();
      case SECRET -> "(set)";
    };
  }

  /** The variable of that name, if recon reads it. */
  public static Optional<ConfigVar> named(String name) {
    return Arrays.stream(values()).filter(v -> v.name().equals(name)).findFirst();
  }

  /** The variables that {@code reader} reads. */
  public static List<ConfigVar> readBy(Reader reader) {
    return Arrays.stream(values()).filter(v -> v.reader == reader).toList();
  }
}
