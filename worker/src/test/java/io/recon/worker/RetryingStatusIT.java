package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.Retrying;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * While an activity retries a transient failure, the cycle's status names it with its attempt and
 * last error, and the cycle goes on once the failure clears.
 */
class RetryingStatusIT {
  private static final String SPEC =
      """
      name: retrying
      owner: crm-team
      approvers: [alice]
      source: { table: public.customers, key: [id] }
      target: { database: ${db}, collection: profiles, key: [_id] }
      fields:
        - { source: email, target: email, type: string }
      partitions: 1
      parallelism: 1
      settle: 0s
      """;

  @Test
  void statusShowsTheAttemptAndLastErrorOfAnActivityBeingRetried() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    try (var f = new CycleFixture(sourceDownWhile(down))) {
      f.sql(
          "create table customers (id bigint primary key, email text)",
          "insert into customers values (1, 'a@x'), (2, 'b@x')");
      f.collection("profiles")
          .insertMany(
              List.of(
                  new Document("_id", 1L).append("email", "a@x"),
                  new Document("_id", 2L).append("email", "b@x")));
      String cycleId = f.start(f.spec(SPEC), Mode.FULL);

      List<Retrying> retrying = List.of();
      for (int i = 0; i < 200 && retrying.isEmpty(); i++) {
        Thread.sleep(100);
        retrying = f.cycles.retrying(cycleId);
      }
      down.set(false);

      assertEquals(1, retrying.size(), "retrying: " + retrying);
      Retrying r = retrying.get(0);
      assertEquals("CompareRange", r.activity());
      assertEquals(cycleId + "-range-0", r.workflowId());
      assertTrue(r.attempt() >= 2, "attempt " + r.attempt());
      assertEquals(
          "SQLTransientConnectionException: CompareRange: the source refused the connection",
          r.lastError());
      assertTrue(
          r.describe().startsWith("retrying CompareRange in " + cycleId + "-range-0: attempt "));
      assertEquals(CycleState.COMPLETED, f.await(cycleId).state());
      assertTrue(f.cycles.retrying(cycleId).isEmpty(), "nothing retries once the cycle closed");
    }
  }

  /** compareRange fails as a source that refuses connections would, while {@code down}. */
  private static UnaryOperator<Object> sourceDownWhile(AtomicBoolean down) {
    return impl ->
        Proxy.newProxyInstance(
            impl.getClass().getClassLoader(),
            impl.getClass().getInterfaces(),
            (proxy, m, args) -> {
              if (m.getName().equals("compareRange") && down.get()) {
                throw new SQLTransientConnectionException("the source refused the connection");
              }
              try {
                return m.invoke(impl, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
