package io.recon.worker.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.recon.activities.support.Traces;
import io.recon.core.spec.JobSpec;
import java.lang.reflect.RecordComponent;

/**
 * The attributes of an activity's spans, read from its arguments: the spec's name, the cycle id and
 * the range index, wherever a request record carries them (a {@link JobSpec} or a {@code specName},
 * a {@code cycleId}, a {@code rangeIndex} component), so an activity added to the contract later is
 * tagged too. Nothing else of an argument is read: no key, no record content.
 */
final class SpanAttributes {
  private SpanAttributes() {}

  static Attributes of(String workflowId, Object[] args) {
    AttributesBuilder b = Attributes.builder();
    if (args != null) {
      for (Object a : args) {
        if (a instanceof JobSpec spec) {
          b.put(Traces.SPEC, spec.name());
        } else if (a != null && a.getClass().isRecord()) {
          components(a, b);
        }
      }
    }
    Attributes found = b.build();
    if (found.get(Traces.CYCLE) == null && workflowId != null) {
      // The cycle's own workflow is named by the cycle id; a child's id starts with it.
      return found.toBuilder().put("recon.workflow_id", workflowId).build();
    }
    return found;
  }

  private static void components(Object record, AttributesBuilder b) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(record);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (value instanceof JobSpec spec) {
        b.put(Traces.SPEC, spec.name());
      } else if (c.getName().equals("specName") && value instanceof String name) {
        b.put(Traces.SPEC, name);
      } else if (c.getName().equals("cycleId") && value instanceof String id) {
        b.put(Traces.CYCLE, id);
      } else if (c.getName().equals("rangeIndex") && value instanceof Integer index) {
        b.put(Traces.RANGE, (long) index);
      }
    }
  }
}
