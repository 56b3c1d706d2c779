package io.recon.worker.metrics;

import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Gate;
import io.recon.workflows.cycle.Mode;

/** Activity arguments as the workflows send them, for the metrics' unit tests. */
final class Contracts {
  static final JobSpec SPEC =
      SpecLoader.parse(
          """
          name: customers
          owner: crm-team
          source: { table: public.customers, key: [id] }
          target: { database: crm, collection: profiles, key: [_id] }
          fields:
            - { source: email, target: email, type: string }
          schedule: "*/30 * * * *"
          repair: { approvalTimeout: 2h, maxDivergenceRatio: 0.1 }
          """,
          "customers.yaml");

  private Contracts() {}

  static RangeRequest range(int index) {
    return new RangeRequest(SPEC, "cycle-1", index, Mode.FULL, null, "cycle-1/p" + index, "run-1");
  }

  static CloseCycle close(CycleState state) {
    return new CloseCycle(
        "cycle-1", SPEC.name(), "hash", state, 4, 4, null, Gate.OPEN, null, null, null);
  }
}
