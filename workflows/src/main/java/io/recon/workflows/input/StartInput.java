package io.recon.workflows.input;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.ResolvedSpec;
import io.recon.workflows.activities.SpecRef;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.Mode;
import java.time.Duration;

/**
 * A decoded start input: either a request ready to run (an inline spec, or the Java form of {@link
 * CycleRequest}), or a spec name the worker must first resolve from the registry.
 *
 * @param ready the request, or null when {@code byName} must be resolved first
 * @param byName the registered spec to resolve, or null
 * @param settle the start's override of the spec's settle delay, or null
 */
public record StartInput(
    CycleRequest ready, SpecRef byName, Mode mode, String initiator, Duration settle) {

  static StartInput ready(CycleRequest request) {
    return new StartInput(request, null, request.mode(), request.initiator(), null);
  }

  /** The request of a cycle started by name, once its spec is resolved. */
  public CycleRequest resolved(ResolvedSpec spec) {
    return new CycleRequest(settled(spec.spec(), settle), mode, initiator, null, spec.version());
  }

  static JobSpec settled(JobSpec spec, Duration settle) {
    return settle == null ? spec : spec.withSettle(settle);
  }
}
