package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An exception nobody foresaw, thrown inside each step of a real cycle on a real worker, ends the
 * cycle at once: FAILED, in the store and in Temporal, with the phase and the exception on one
 * line, after exactly one attempt. Before the failure model was inverted, each of these retried
 * forever and the cycle stayed RUNNING.
 */
class UnexpectedFailureIT {
  private static final String SPEC =
      """
      name: failing
      owner: crm-team
      approvers: [alice]
      source: { table: public.customers, key: [id] }
      target: { database: ${db}, collection: profiles, key: [_id] }
      fields:
        - { source: email, target: email, type: string, severity: low }
      partitions: 1
      parallelism: 1
      settle: 0s
      repair: { auto: [low, high], approvalTimeout: 1s, maxDivergenceRatio: 1 }
      """;

  @ParameterizedTest(name = "{0} fails in {1}")
  @CsvSource({
    "compareRange, COMPARING, illegal-state",
    "recheckRange, COMPARING, stack-overflow",
    "route, ROUTING, illegal-state",
    "repair, REPAIRING, illegal-state",
    "verify, VERIFYING, stack-overflow"
  })
  void anUnexpectedExceptionEndsTheCycleAtOnceAndSaysWhere(
      String method, String phase, String thrown) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (var f = new CycleFixture(failing(method, thrown, attempts))) {
      f.sql(
          "create table customers (id bigint primary key, email text)",
          "insert into customers select g, 'u' || g || '@x' from generate_series(1, 20) g");
      var docs =
          java.util.stream.LongStream.rangeClosed(1, 20)
              .mapToObj(id -> new Document("_id", id).append("email", "u" + id + "@x"))
              .toList();
      f.collection("profiles").insertMany(docs);
      f.collection("profiles")
          .updateOne(new Document("_id", 3L), new Document("$set", new Document("email", "old")));

      String cycleId = f.start(f.spec(SPEC), io.recon.workflows.cycle.Mode.FULL);
      var e = assertThrows(ExecutionException.class, () -> f.await(cycleId));

      var failure =
          assertInstanceOf(
              ApplicationFailure.class,
              assertInstanceOf(WorkflowFailedException.class, e.getCause()).getCause());
      assertEquals("UNEXPECTED", failure.getType());
      assertEquals(1, attempts.get(), "an unforeseen failure is never retried");
      List<List<String>> row =
          f.rows("select status, error from recon.cycle where cycle_id = '" + cycleId + "'");
      assertEquals("FAILED", row.get(0).get(0));
      String error = row.get(0).get(1);
      assertTrue(error.startsWith(phase + ": UNEXPECTED: "), error);
      String cause =
          thrown.equals("illegal-state") ? "IllegalStateException: injected" : "StackOverflowError";
      assertTrue(error.contains(cause), error);
      assertTrue(!error.contains("\n"), "one line: " + error);
    }
  }

  /** Each activity implementation, with {@code method} throwing what no real input can. */
  private static UnaryOperator<Object> failing(
      String method, String thrown, AtomicInteger attempts) {
    return impl ->
        Proxy.newProxyInstance(
            impl.getClass().getClassLoader(),
            impl.getClass().getInterfaces(),
            (proxy, m, args) -> {
              if (m.getName().equals(method)) {
                attempts.incrementAndGet();
                if (thrown.equals("illegal-state")) {
                  throw new IllegalStateException("injected");
                }
                throw new StackOverflowError();
              }
              try {
                return m.invoke(impl, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
