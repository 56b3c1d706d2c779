package io.recon.core.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where recon's engines are, read once from the environment. Every default is visible here and in
 * {@code docs/operations.md}; credentials may sit in the URLs or in the {@code *_USER} and {@code
 * *_PASSWORD} variables, and {@link #toString()} never shows them.
 *
 * @param explicit the variables that were set, so that {@code recon dev} starts only the engines
 *     nobody pointed elsewhere
 */
public record ReconConfig(
    String temporalAddress,
    String temporalNamespace,
    String taskQueue,
    Endpoint source,
    Endpoint store,
    Endpoint mongo,
    int metricsPort,
    Set<String> explicit) {

  public static final String TEMPORAL_ADDRESS = "TEMPORAL_ADDRESS";
  public static final String TEMPORAL_NAMESPACE = "TEMPORAL_NAMESPACE";
  public static final String RECON_TASK_QUEUE = "RECON_TASK_QUEUE";
  public static final String RECON_SOURCE_URL = "RECON_SOURCE_URL";
  public static final String RECON_STORE_URL = "RECON_STORE_URL";
  public static final String RECON_MONGO_URI = "RECON_MONGO_URI";
  public static final String RECON_METRICS_PORT = "RECON_METRICS_PORT";

  public static final String DEFAULT_TEMPORAL_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";
  public static final String DEFAULT_TASK_QUEUE = "recon";
  public static final String DEFAULT_SOURCE_URL = "jdbc:postgresql://127.0.0.1:55432/postgres";
  public static final String DEFAULT_SOURCE_USER = "postgres";
  public static final String DEFAULT_MONGO_URI = "mongodb://127.0.0.1:27017";
  public static final int DEFAULT_METRICS_PORT = 9464;

  public ReconConfig {
    requireText(temporalAddress, TEMPORAL_ADDRESS);
    requireText(temporalNamespace, TEMPORAL_NAMESPACE);
    requireText(taskQueue, RECON_TASK_QUEUE);
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new ConfigException(RECON_METRICS_PORT + " must be a port number, not " + metricsPort);
    }
    explicit = Set.copyOf(explicit);
  }

  /** Reads the configuration from these variables (normally {@code System.getenv()}). */
  public static ReconConfig fromEnv(Map<String, String> env) {
    Set<String> explicit = new TreeSet<>();
    for (String name : env.keySet()) {
      if (name.startsWith("RECON_") || name.startsWith("TEMPORAL_")) {
        if (!env.get(name).isBlank()) {
          explicit.add(name);
        }
      }
    }
    Endpoint source =
        new Endpoint(
            value(env, RECON_SOURCE_URL, DEFAULT_SOURCE_URL),
            value(env, "RECON_SOURCE_USER", DEFAULT_SOURCE_USER),
            value(env, "RECON_SOURCE_PASSWORD", null));
    // The store defaults to the source server, in its own schema, with the source's credentials.
    Endpoint store =
        explicit.contains(RECON_STORE_URL)
            ? new Endpoint(
                env.get(RECON_STORE_URL),
                value(env, "RECON_STORE_USER", source.user()),
                value(env, "RECON_STORE_PASSWORD", null))
            : new Endpoint(
                source.url(),
                value(env, "RECON_STORE_USER", source.user()),
                value(env, "RECON_STORE_PASSWORD", source.password()));
    Endpoint mongo =
        new Endpoint(
            value(env, RECON_MONGO_URI, DEFAULT_MONGO_URI),
            value(env, "RECON_MONGO_USER", null),
            value(env, "RECON_MONGO_PASSWORD", null));
    return new ReconConfig(
        value(env, TEMPORAL_ADDRESS, DEFAULT_TEMPORAL_ADDRESS),
        value(env, TEMPORAL_NAMESPACE, DEFAULT_NAMESPACE),
        value(env, RECON_TASK_QUEUE, DEFAULT_TASK_QUEUE),
        source,
        store,
        mongo,
        port(env),
        explicit);
  }

  /** The configuration from the process environment. */
  public static ReconConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  public boolean isSet(String variable) {
    return explicit.contains(variable);
  }

  /** A copy pointing at other endpoints, as {@code recon dev} does for the engines it starts. */
  public ReconConfig withEndpoints(
      String temporalAddress, Endpoint source, Endpoint store, Endpoint mongo) {
    return new ReconConfig(
        temporalAddress, temporalNamespace, taskQueue, source, store, mongo, metricsPort, explicit);
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static int port(Map<String, String> env) {
    String raw = value(env, RECON_METRICS_PORT, null);
    if (raw == null) {
      return DEFAULT_METRICS_PORT;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(RECON_METRICS_PORT + " must be a port number, not '" + raw + "'");
    }
  }

  private static void requireText(String value, String variable) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(variable + " must not be empty");
    }
  }

  @Override
  public String toString() {
    return "ReconConfig[temporal="
        + temporalAddress
        + ", namespace="
        + temporalNamespace
        + ", taskQueue="
        + taskQueue
        + ", source="
        + source
        + ", store="
        + store
        + ", mongo="
        + mongo
        + ", metricsPort="
        + metricsPort
        + "]";
  }
}
