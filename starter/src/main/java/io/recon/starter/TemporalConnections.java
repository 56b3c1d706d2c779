package io.recon.starter;

import io.recon.core.config.EndpointUnavailableException;
import io.recon.core.config.ReconConfig;
import io.recon.starter.codec.PayloadEncryption;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Map;

/**
 * The one place that turns the configuration into a Temporal connection, for workers and clients
 * alike, so that every process talks to the cluster the same way.
 */
public final class TemporalConnections {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private TemporalConnections() {}

  /**
   * Connects to {@code TEMPORAL_ADDRESS} and checks that the server answers.
   *
   * @throws EndpointUnavailableException naming the address and the variable when it does not
   */
  public static WorkflowServiceStubs connect(ReconConfig config) {
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporalAddress()).build(),
          CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new EndpointUnavailableException(
          "Temporal", ReconConfig.TEMPORAL_ADDRESS, config.temporalAddress(), e);
    }
  }

  /**
   * A client of the configured namespace over {@code stubs}, encrypting payloads when {@code
   * RECON_PAYLOAD_KEY} is set in the process environment. Workers built on this client use its data
   * converter too.
   */
  public static WorkflowClient client(WorkflowServiceStubs stubs, ReconConfig config) {
    return client(stubs, config, System.getenv());
  }

  /** As {@link #client(WorkflowServiceStubs, ReconConfig)}, reading the key from {@code env}. */
  public static WorkflowClient client(
      WorkflowServiceStubs stubs, ReconConfig config, Map<String, String> env) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(config.temporalNamespace())
            .setDataConverter(PayloadEncryption.dataConverter(env))
            .build());
  }
}
