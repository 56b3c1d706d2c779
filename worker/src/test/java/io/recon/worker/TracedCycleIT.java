package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.recon.activities.support.Traces;
import io.recon.starter.tracing.Tracing;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * One cycle on the embedded stack, traced into an in-memory exporter: the client's start, the
 * parent and child workflows and every activity, with recon's spans inside them, form one trace
 * whose parent links make one tree, and the cycle's audit rows name that trace.
 */
class TracedCycleIT {
  private static final String SPEC =
      """
      name: traced
      owner: crm-team
      source: { table: public.people, key: [id] }
      target: { database: ${db}, collection: people, key: [_id] }
      fields:
        - { source: email, target: email, type: string }
      partitions: 2
      parallelism: 2
      settle: 0s
      repair: { auto: [low, medium, high], maxDivergenceRatio: 1 }
      """;

  @Test
  void oneCycleIsOneConnectedTraceFromTheClientThroughTheWorkflowsIntoEveryActivity()
      throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        CycleFixture f = new CycleFixture(Tracing.using(sdk))) {
      f.sql(
          "create table people (id bigint primary key, email text)",
          "insert into people select g, 'person' || g || '@example.com'"
              + " from generate_series(1, 60) g");
      List<Document> docs = new ArrayList<>();
      for (long id = 1; id <= 60; id++) {
        if (id != 7) {
          String email = id == 30 ? "stale-secret@example.com" : "person" + id + "@example.com";
          docs.add(new Document("_id", id).append("email", email));
        }
      }
      f.collection("people").insertMany(docs);

      String cycleId = f.start(f.spec(SPEC), Mode.FULL);
      CycleResult result = f.await(cycleId);
      assertEquals(CycleState.COMPLETED, result.state(), result.toString());
      assertEquals(2, result.repairs().repaired(), result.toString());
      // A simple span processor exports each span as it ends: no flush to wait for.
      List<SpanData> spans = exporter.getFinishedSpanItems();
      SpanData root =
          spans.stream()
              .filter(s -> s.getName().equals("StartWorkflow:ReconciliationWorkflow"))
              .filter(s -> cycleId.equals(s.getAttributes().get(stringKey("workflowId"))))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no client span of " + cycleId));
      String traceId = root.getTraceId();
      assertFalse(root.getParentSpanContext().isValid(), "the client's start is the root");

      // Every span of the cycle (tagged with its id by recon) is in the client's trace.
      for (SpanData s : spans) {
        if (cycleId.equals(s.getAttributes().get(Traces.CYCLE))) {
          assertEquals(traceId, s.getTraceId(), s.getName() + " is in another trace");
        }
      }
      List<SpanData> trace = spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
      Map<String, SpanData> byId =
          trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
      for (SpanData s : trace) {
        if (s != root) {
          assertTrue(
              byId.containsKey(s.getParentSpanId()),
              s.getName() + " has a parent outside the trace's tree");
        }
      }
      assertEquals(1, trace.stream().filter(s -> !s.getParentSpanContext().isValid()).count());

      Set<String> names = trace.stream().map(SpanData::getName).collect(Collectors.toSet());
      for (String expected :
          List.of(
              "StartWorkflow:ReconciliationWorkflow",
              "RunWorkflow:ReconciliationWorkflow",
              "StartChildWorkflow:PartitionWorkflow",
              "RunWorkflow:PartitionWorkflow",
              "RunActivity:OpenCycle",
              "RunActivity:CompareRange",
              "RunActivity:Repair",
              "RunActivity:Verify",
              Traces.SOURCE_PAGE,
              Traces.TARGET_CURSOR,
              Traces.STORE_WRITE,
              Traces.REPAIR_BATCH)) {
        assertTrue(names.contains(expected), expected + " missing from " + new TreeSet<>(names));
      }
      // A compare's spans hang below its activity and carry the spec, the cycle and the range.
      SpanData page = first(trace, Traces.SOURCE_PAGE);
      assertEquals("traced", page.getAttributes().get(Traces.SPEC));
      assertTrue(page.getAttributes().get(Traces.RANGE) != null, page.toString());
      assertTrue(
          byId.get(page.getParentSpanId()).getName().startsWith("RunActivity:"), page.toString());
      assertEquals(2L, first(trace, Traces.REPAIR_BATCH).getAttributes().get(Traces.RECORDS));

      // No span carries record content or keys.
      for (SpanData s : trace) {
        String attributes = s.getAttributes().toString();
        assertFalse(attributes.contains("example.com"), s.getName() + ": " + attributes);
      }

      // The audit rows of the cycle's steps name its trace.
      List<List<String>> audit =
          f.rows(
              "select distinct coalesce(trace_id, 'null') from recon.audit_event where cycle_id = '"
                  + cycleId
                  + "'");
      assertEquals(List.of(List.of(traceId)), audit);
    }
  }

  private static SpanData first(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static AttributeKey<String> stringKey(String name) {
    return AttributeKey.stringKey(name);
  }
}
