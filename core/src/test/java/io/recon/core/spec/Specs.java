package io.recon.core.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Specs for tests, built in code. */
public final class Specs {
  private Specs() {}

  /** A job comparing {@code fields} over an integer key {@code id -> _id}. */
  public static JobSpec job(boolean nullEqualsAbsent, FieldSpec... fields) {
    return new JobSpec(
        "test-job",
        "team",
        List.of("alice"),
        new SourceSpec("public.t", null, List.of("id"), null),
        new TargetSpec("db", "coll", List.of("_id")),
        List.of(fields),
        nullEqualsAbsent,
        null,
        null,
        16,
        4,
        null,
        null,
        null,
        null,
        Limits.NONE);
  }

  /** A job with every option set away from its default. */
  public static JobSpec full() {
    return new JobSpec(
        "customer-profiles",
        "crm-team",
        List.of("alice", "bob"),
        new SourceSpec(null, "select * from customers", List.of("id"), "updated_at"),
        new TargetSpec("crm", "customer_profiles", List.of("_id")),
        List.of(
            new FieldSpec(
                "email",
                "contact.email",
                FieldType.STRING,
                List.of(Normalizer.TRIM, Normalizer.LOWERCASE),
                Severity.HIGH,
                null,
                null,
                null,
                null,
                false),
            new FieldSpec(
                "balance",
                "balance",
                FieldType.DECIMAL,
                null,
                Severity.HIGH,
                2,
                new BigDecimal("0.01"),
                null,
                null,
                false),
            new FieldSpec(
                "seen",
                "seen",
                FieldType.TIMESTAMP,
                null,
                null,
                null,
                null,
                TimePrecision.MICROS,
                "Europe/Paris",
                false),
            new FieldSpec(
                "orders", "orders", FieldType.JSON, null, null, null, null, null, null, true)),
        false,
        new MissingPolicy(Severity.MEDIUM),
        new OrphanPolicy(Severity.LOW, OrphanAction.DELETE),
        8,
        2,
        Duration.ofMinutes(5),
        new RepairPolicy(List.of(Severity.LOW, Severity.MEDIUM), Duration.ofHours(2), 0.1, 50),
        "*/30 * * * *",
        AuditKeys.HASHED,
        Limits.NONE);
  }
}
