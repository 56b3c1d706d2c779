package io.recon.cli.bench;

import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import java.util.List;
import java.util.Locale;

/**
 * The bench's job, written as YAML and parsed by the product's own loader, so that it is exactly
 * what an operator would run. Settle is 0 s: the delay before a recheck is a policy wait, not work,
 * and would only add {@code settle} per partition wave to every figure.
 */
public final class BenchSpec {
  static final String NAME = "bench";
  static final String TABLE = "bench_source";
  public static final String DATABASE = "bench";
  static final String COLLECTION = "bench_target";
  static final String APPROVER = "bench";

  private BenchSpec() {}

  /**
   * @param autoRepair severities repaired without approval, e.g. {@code []} or {@code [low]}
   */
  static JobSpec of(int partitions, int parallelism, List<String> autoRepair) {
    return of(NAME, TABLE, COLLECTION, partitions, parallelism, autoRepair);
  }

  /** The same job on another table and collection, e.g. the warm-up's. */
  static JobSpec of(
      String name,
      String table,
      String collection,
      int partitions,
      int parallelism,
      List<String> autoRepair) {
    return SpecLoader.parse(
        yaml(name, table, collection, partitions, parallelism, autoRepair), name + ".yaml");
  }

  public static String yaml(
      String name,
      String table,
      String collection,
      int partitions,
      int parallelism,
      List<String> autoRepair) {
    return String.format(
        Locale.ROOT,
        """
        name: %s
        owner: bench
        approvers: [%s]
        source:
          table: %s
          key: [id]
          updatedAt: updated_at
        target:
          database: %s
          collection: %s
          key: [_id]
        fields:
          - { source: name, target: name, type: string, severity: low }
          - { source: amount, target: amount, type: decimal, scale: 2, severity: high }
          - { source: happened_at, target: happenedAt, type: timestamp, precision: millis, severity: low }
          - { source: active, target: active, type: boolean, severity: low }
          - { source: tags, target: tags, type: json, severity: medium }
        nullEqualsAbsent: true
        missing: { severity: high }
        orphan: { severity: high, action: report }
        partitions: %d
        parallelism: %d
        settle: 0s
        repair:
          auto: [%s]
          approvalTimeout: 1h
          maxDivergenceRatio: 0.05
          maxRepairsPerCycle: 10000000
        """,
        name,
        APPROVER,
        table,
        DATABASE,
        collection,
        partitions,
        parallelism,
        String.join(", ", autoRepair));
  }
}
