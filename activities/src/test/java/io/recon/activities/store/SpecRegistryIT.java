package io.recon.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.audit.AuditVerifier;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecDiff;
import io.recon.core.spec.SpecLoader;
import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import io.recon.workflows.activities.ResolvedSpec;
import io.recon.workflows.activities.SpecRef;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class SpecRegistryIT {
  private static final String V1 =
      """
      name: payments
      owner: billing
      approvers: [alice]
      source: {table: payments, key: [id]}
      target: {database: pay, collection: payments, key: [_id]}
      fields:
        - {source: amount, target: amount, type: decimal, scale: 2, tolerance: 0.01}
      """;
  private static final String V2 = V1.replace("0.01", "0.02").replace("[alice]", "[alice, bob]");

  private PGSimpleDataSource store;
  private SpecRegistry registry;

  @BeforeEach
  void freshStore() {
    store = new PGSimpleDataSource();
    store.setUrl(SharedEngines.newPostgresDatabase());
    store.setUser("postgres");
    StoreMigrator.migrate(store);
    registry = new SpecRegistry(store, Clock.systemUTC());
  }

  private static JobSpec parse(String yaml) {
    return SpecLoader.parse(yaml, "payments.yaml");
  }

  @Test
  void eachChangedSpecIsTheNextVersionAndAnIdenticalOneIsANoOp() {
    var first = registry.apply(parse(V1), V1, "alice");
    assertTrue(first.created());
    assertEquals(1, first.version().version());
    assertEquals(parse(V1).canonicalHash(), first.version().hash());

    // The same spec, even written differently, has the same canonical hash: nothing is stored.
    String reflowed = "# a comment\n" + V1;
    var again = registry.apply(parse(reflowed), reflowed, "bob");
    assertFalse(again.created());
    assertEquals(1, again.version().version());
    assertEquals("alice", again.version().appliedBy());

    var second = registry.apply(parse(V2), V2, "carol");
    assertTrue(second.created());
    assertEquals(2, second.version().version());

    assertEquals(V1, registry.get("payments", 1).yaml());
    assertEquals(V2, registry.get("payments", null).yaml());
    assertEquals(
        List.of("payments:2:carol"),
        registry.list().stream()
            .map(v -> v.name() + ":" + v.version() + ":" + v.appliedBy())
            .toList());
    assertEquals(
        List.of("approvers: [alice] -> [alice, bob]", "fields[amount].tolerance: 0.01 -> 0.02"),
        SpecDiff.between(registry.get("payments", 1).yaml(), registry.get("payments", 2).yaml())
            .stream()
            .map(SpecDiff.Change::describe)
            .toList());
  }

  @Test
  void everyStoredVersionIsAuditedInTheSpecsChain() {
    registry.apply(parse(V1), V1, "alice");
    registry.apply(parse(V1), V1, "alice");
    registry.apply(parse(V2), V2, "carol");
    var db = DSL.using(store, org.jooq.SQLDialect.POSTGRES);
    var rows =
        db.fetch(
            "select actor, action, subject from recon.audit_event where chain = 'payments'"
                + " order by seq");
    assertEquals(2, rows.size(), "the no-op apply is not audited");
    assertEquals("carol", rows.get(1).get("actor"));
    assertEquals(SpecRegistry.SPEC_APPLIED, rows.get(1).get("action"));
    assertEquals("spec payments version 2", rows.get(1).get("subject"));
    assertTrue(new AuditVerifier(db).verify(Optional.empty()).intact());
  }

  @Test
  void unknownNamesAndVersionsSayWhatExists() {
    assertEquals(
        "unknown spec 'nope': it was never applied (recon spec list shows the registered specs)",
        assertThrows(UnknownSpecException.class, () -> registry.get("nope", null)).getMessage());
    registry.apply(parse(V1), V1, "alice");
    assertEquals(
        "spec 'payments' has no version 7; its versions are 1 to 1",
        assertThrows(UnknownSpecException.class, () -> registry.get("payments", 7)).getMessage());
  }

  @Test
  void theWorkerResolvesAVersionOrFailsNonRetryably() {
    registry.apply(parse(V1), V1, "alice");
    registry.apply(parse(V2), V2, "carol");
    var activities = new StoreActivitiesImpl(store);

    ResolvedSpec latest = activities.resolveSpec(new SpecRef("payments", null));
    assertEquals(2, latest.version());
    assertEquals(parse(V2), latest.spec());
    assertEquals(parse(V1), activities.resolveSpec(new SpecRef("payments", 1)).spec());

    var f =
        assertThrows(
            ApplicationFailure.class, () -> activities.resolveSpec(new SpecRef("payments", 3)));
    assertEquals(FailureType.UNKNOWN_SPEC.name(), f.getType());
    assertTrue(f.isNonRetryable());
  }
}
