package io.recon.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where recon's engines are and how to reach them, read once from the environment at a composition
 * root and passed down from there. Every variable and default is declared once, in {@link
 * ConfigVar}; credentials may sit in the URLs or in the {@code *_USER} and {@code *_PASSWORD}
 * variables, and {@link #toString()} never shows them.
 *
 * @param settings the catalogue's variables that were set (trimmed, blank ones left out): the
 *     endpoints above are parsed from them, and the connection setup reads the rest (TLS files, API
 *     key, payload and audit keys) from here rather than from the process environment. {@code recon
 *     dev} starts only the engines nobody pointed elsewhere.
 */
public record ReconConfig(
    String temporalAddress,
    String temporalNamespace,
    String taskQueue,
    Endpoint source,
    Endpoint store,
    Endpoint mongo,
    int metricsPort,
    Map<String, String> settings) {

  public static final String TEMPORAL_ADDRESS = ConfigVar.TEMPORAL_ADDRESS.name();
  public static final String TEMPORAL_NAMESPACE = ConfigVar.TEMPORAL_NAMESPACE.name();
  public static final String RECON_TASK_QUEUE = ConfigVar.RECON_TASK_QUEUE.name();
  public static final String RECON_SOURCE_URL = ConfigVar.RECON_SOURCE_URL.name();
  public static final String RECON_STORE_URL = ConfigVar.RECON_STORE_URL.name();
  public static final String RECON_MONGO_URI = ConfigVar.RECON_MONGO_URI.name();
  public static final String RECON_METRICS_PORT = ConfigVar.RECON_METRICS_PORT.name();

  public static final String DEFAULT_TEMPORAL_ADDRESS = ConfigVar.TEMPORAL_ADDRESS.defaultValue();
  public static final String DEFAULT_NAMESPACE = ConfigVar.TEMPORAL_NAMESPACE.defaultValue();
  public static final String DEFAULT_TASK_QUEUE = ConfigVar.RECON_TASK_QUEUE.defaultValue();
  public static final String DEFAULT_SOURCE_URL = ConfigVar.RECON_SOURCE_URL.defaultValue();
  public static final String DEFAULT_SOURCE_USER = ConfigVar.RECON_SOURCE_USER.defaultValue();
  public static final String DEFAULT_MONGO_URI = ConfigVar.RECON_MONGO_URI.defaultValue();
  public static final int DEFAULT_METRICS_PORT =
      Integer.parseInt(ConfigVar.RECON_METRICS_PORT.defaultValue());

  public ReconConfig {
    requireText(temporalAddress, TEMPORAL_ADDRESS);
    requireText(temporalNamespace, TEMPORAL_NAMESPACE);
    requireText(taskQueue, RECON_TASK_QUEUE);
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new ConfigException(RECON_METRICS_PORT + " must be a port number, not " + metricsPort);
    }
    settings = Map.copyOf(settings);
  }

  /**
   * The configuration from these variables: the process environment, which only a composition root
   * reads, or a map a test or {@code recon dev} builds. Variables outside the catalogue are
   * ignored.
   */
  public static ReconConfig fromEnv(Map<String, String> env) {
    Map<String, String> set = new TreeMap<>();
    for (ConfigVar variable : ConfigVar.values()) {
      variable.in(env).ifPresent(v -> set.put(variable.name(), v));
    }
    Endpoint source =
        new Endpoint(
            value(set, ConfigVar.RECON_SOURCE_URL, DEFAULT_SOURCE_URL),
            value(set, ConfigVar.RECON_SOURCE_USER, DEFAULT_SOURCE_USER),
            value(set, ConfigVar.RECON_SOURCE_PASSWORD, null));
    // The store defaults to the source server, in its own schema, with the source's credentials.
    Endpoint store =
        set.containsKey(RECON_STORE_URL)
            ? new Endpoint(
                set.get(RECON_STORE_URL),
                value(set, ConfigVar.RECON_STORE_USER, source.user()),
                value(set, ConfigVar.RECON_STORE_PASSWORD, null))
            : new Endpoint(
                source.url(),
                value(set, ConfigVar.RECON_STORE_USER, source.user()),
                value(set, ConfigVar.RECON_STORE_PASSWORD, source.password()));
    Endpoint mongo =
        new Endpoint(
            value(set, ConfigVar.RECON_MONGO_URI, DEFAULT_MONGO_URI),
            value(set, ConfigVar.RECON_MONGO_USER, null),
            value(set, ConfigVar.RECON_MONGO_PASSWORD, null));
    return new ReconConfig(
        value(set, ConfigVar.TEMPORAL_ADDRESS, DEFAULT_TEMPORAL_ADDRESS),
        value(set, ConfigVar.TEMPORAL_NAMESPACE, DEFAULT_NAMESPACE),
        value(set, ConfigVar.RECON_TASK_QUEUE, DEFAULT_TASK_QUEUE),
        source,
        store,
        mongo,
        port(set),
        set);
  }

  /** The names of the variables that were set. */
  public Set<String> explicit() {
    return settings.keySet();
  }

  public boolean isSet(String variable) {
    return settings.containsKey(variable);
  }

  /** The value {@code variable} was set to, trimmed; empty when it was unset or blank. */
  public Optional<String> setting(ConfigVar variable) {
    return Optional.ofNullable(settings.get(variable.name()));
  }

  /** A copy pointing at other endpoints, as {@code recon dev} does for the engines it starts. */
  public ReconConfig withEndpoints(
      String temporalAddress, Endpoint source, Endpoint store, Endpoint mongo) {
    return new ReconConfig(
        temporalAddress, temporalNamespace, taskQueue, source, store, mongo, metricsPort, settings);
  }

  /** The value in {@code set}, which holds only trimmed, non-blank values, or the fallback. */
  private static String value(Map<String, String> set, ConfigVar variable, String fallback) {
    return set.getOrDefault(variable.name(), fallback);
  }

  private static int port(Map<String, String> set) {
    String raw = value(set, ConfigVar.RECON_METRICS_PORT, null);
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
