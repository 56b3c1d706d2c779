package io.recon.workflows.testing;

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
