package io.recon.workflows.testing;

import io.recon.core.spec.Escalation;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Limits;
import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.SourceSpec;
import io.recon.core.spec.TargetSpec;
import java.time.Duration;
import java.util.List;

/** Specs for workflow tests; approvers are alice and bob. */
public final class TestSpecs {
  private TestSpecs() {}

  public static JobSpec job(int partitions, int parallelism, Duration settle) {
    return job(partitions, parallelism, settle, "updated_at");
  }

  /** A job over {@code public.orders}; {@code updatedAt} null disables incremental cycles. */
  public static JobSpec job(int partitions, int parallelism, Duration settle, String updatedAt) {
    return job(partitions, parallelism, settle, updatedAt, null);
  }

  /** One range, no settle delay, and the given repair policy (null for the default). */
  public static JobSpec withRepair(RepairPolicy repair) {
    return job(1, 1, Duration.ZERO, "updated_at", repair);
  }

  /** {@code spec} with an {@code escalation:} webhook, which the fake side never calls. */
  public static JobSpec withEscalation(JobSpec spec) {
    return new JobSpec(
        spec.name(),
        spec.owner(),
        spec.approvers(),
        spec.source(),
        spec.target(),
        spec.fields(),
        spec.nullEqualsAbsent(),
        spec.missing(),
        spec.orphan(),
        spec.partitions(),
        spec.parallelism(),
        spec.settle(),
        spec.repair(),
        spec.schedule(),
        spec.auditKeys(),
        spec.limits(),
        spec.feed(),
        new Escalation("https://hooks.example/recon", null),
        spec.retention());
  }

  private static JobSpec job(
      int partitions, int parallelism, Duration settle, String updatedAt, RepairPolicy repair) {
    return new JobSpec(
        "orders",
        "shop-team",
        List.of("alice", "bob"),
        new SourceSpec("public.orders", null, List.of("id"), updatedAt),
        new TargetSpec("shop", "orders", List.of("_id")),
        List.of(FieldSpec.of("status", "status", FieldType.STRING)),
        false,
        null,
        null,
        partitions,
        parallelism,
        settle,
        repair,
        null,
        null,
        Limits.NONE);
  }
}
