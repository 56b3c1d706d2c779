package io.recon.starter;

import com.uber.m3.tally.Scope;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.recon.core.config.ConfigException;
import io.recon.core.config.ConfigVar;
import io.recon.core.config.EndpointUnavailableException;
import io.recon.core.config.ReconConfig;
import io.recon.starter.codec.PayloadEncryption;
import io.recon.starter.tracing.Tracing;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The one place that turns the configuration into a Temporal connection, for workers and clients
 * alike, so that every process talks to the cluster the same way.
 */
public final class TemporalConnections {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  // Temporal's own CLI reads these. The TLS ones name PEM files, typically mounted secrets.
  public static final String TEMPORAL_TLS_CERT = ConfigVar.TEMPORAL_TLS_CERT.name();
  public static final String TEMPORAL_TLS_KEY = ConfigVar.TEMPORAL_TLS_KEY.name();
  public static final String TEMPORAL_TLS_CA = ConfigVar.TEMPORAL_TLS_CA.name();
  public static final String TEMPORAL_API_KEY = ConfigVar.TEMPORAL_API_KEY.name();

  private TemporalConnections() {}

  /**
   * Connects to {@code TEMPORAL_ADDRESS} and checks that the server answers, with TLS and an API
   * key as the configuration's settings ask (see {@link #stubsOptions}).
   *
   * @throws EndpointUnavailableException naming the address and the variable when it does not
   */
  public static WorkflowServiceStubs connect(ReconConfig config) {
    return connect(config, config.settings());
  }

  /** As {@link #connect(ReconConfig)}, reading the TLS variables from {@code env}. */
  public static WorkflowServiceStubs connect(ReconConfig config, Map<String, String> env) {
    return connected(stubsOptions(config, env), config);
  }

  /**
   * As {@link #connect(ReconConfig)}, reporting the SDK's metrics (requests, polls, task slots,
   * latencies) to {@code metricsScope}. Workers pass the scope of their {@code /metrics} registry.
   */
  public static WorkflowServiceStubs connect(ReconConfig config, Scope metricsScope) {
    return connect(config, config.settings(), metricsScope);
  }

  /** As {@link #connect(ReconConfig, Scope)}, reading the TLS variables from {@code env}. */
  public static WorkflowServiceStubs connect(
      ReconConfig config, Map<String, String> env, Scope metricsScope) {
    return connected(
        WorkflowServiceStubsOptions.newBuilder(stubsOptions(config, env))
            .setMetricsScope(metricsScope)
            .build(),
        config);
  }

  private static WorkflowServiceStubs connected(
      WorkflowServiceStubsOptions options, ReconConfig config) {
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(options, CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new EndpointUnavailableException(
          "Temporal", ReconConfig.TEMPORAL_ADDRESS, config.temporalAddress(), e);
    }
  }

  /**
   * The connection options: mutual TLS when {@code TEMPORAL_TLS_CERT} and {@code TEMPORAL_TLS_KEY}
   * (PEM files, the key in PKCS#8) are set, server-verified TLS when only {@code TEMPORAL_TLS_CA}
   * (a PEM file) is, and an API key sent as a bearer token over TLS when {@code TEMPORAL_API_KEY}
   * is set. The key's value is never logged or shown.
   *
   * @throws ConfigException naming the variable when a file is missing or unusable
   */
  public static WorkflowServiceStubsOptions stubsOptions(
      ReconConfig config, Map<String, String> env) {
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporalAddress());
    sslContext(env).ifPresent(builder::setSslContext);
    String apiKey = env.get(TEMPORAL_API_KEY);
    if (apiKey != null && !apiKey.isBlank()) {
      String token = apiKey.trim();
      // Temporal Cloud accepts an API key only over TLS; with no client certificate the system
      // trust store verifies the server.
      builder.setEnableHttps(true).addApiKey(() -> token);
    }
    return builder.build();
  }

  /**
   * A client of the configured namespace over {@code stubs}, encrypting payloads when {@code
   * RECON_PAYLOAD_KEY} is set in the configuration. Workers built on this client use its data
   * converter too.
   */
  public static WorkflowClient client(WorkflowServiceStubs stubs, ReconConfig config) {
    return client(stubs, config, config.settings());
  }

  /** As {@link #client(WorkflowServiceStubs, ReconConfig)}, reading the key from {@code env}. */
  public static WorkflowClient client(
      WorkflowServiceStubs stubs, ReconConfig config, Map<String, String> env) {
    return client(stubs, config, env, Tracing.off());
  }

  /**
   * As {@link #client(WorkflowServiceStubs, ReconConfig)}, with {@code tracing}'s client
   * interceptor: a cycle this client starts (or a signal or query it sends) carries its trace into
   * the workflow. Workers built on this client trace only with {@code tracing}'s worker
   * interceptors on their factory too.
   */
  public static WorkflowClient client(
      WorkflowServiceStubs stubs, ReconConfig config, Tracing tracing) {
    return client(stubs, config, config.settings(), tracing);
  }

  private static WorkflowClient client(
      WorkflowServiceStubs stubs, ReconConfig config, Map<String, String> env, Tracing tracing) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(config.temporalNamespace())
            .setDataConverter(PayloadEncryption.dataConverter(env))
            .setInterceptors(tracing.clientInterceptors().toArray(new WorkflowClientInterceptor[0]))
            .build());
  }

  /** The client TLS context the variables ask for, or empty when none of them is set. */
  private static Optional<SslContext> sslContext(Map<String, String> env) {
    File cert = file(env, TEMPORAL_TLS_CERT);
    File key = file(env, TEMPORAL_TLS_KEY);
    File ca = file(env, TEMPORAL_TLS_CA);
    if ((cert == null) != (key == null)) {
      String missing = cert == null ? TEMPORAL_TLS_CERT : TEMPORAL_TLS_KEY;
      throw new ConfigException(
          missing
              + " must be set too: mutual TLS needs both "
              + TEMPORAL_TLS_CERT
              + " and "
              + TEMPORAL_TLS_KEY);
    }
    if (cert == null && ca == null) {
      return Optional.empty();
    }
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (ca != null) {
        builder.trustManager(ca);
      }
      if (cert != null) {
        builder.keyManager(cert, key);
      }
      return Optional.of(builder.build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new ConfigException(
          "cannot use the TLS files in "
              + TEMPORAL_TLS_CERT
              + ", "
              + TEMPORAL_TLS_KEY
              + " or "
              + TEMPORAL_TLS_CA
              + " (PEM expected, the key in PKCS#8): "
              + e.getMessage());
    }
  }

  private static File file(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return null;
    }
    Path path = Path.of(value.trim());
    if (!Files.isReadable(path)) {
      throw new ConfigException(variable + " names " + path + ", which cannot be read");
    }
    return path.toFile();
  }
}
