package io.recon.worker.metrics;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.activities.RouteRequest;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/**
 * Reads the spec, cycle and range out of an activity's arguments. The contract's request records
 * are named here; any other record that carries a {@link JobSpec} component (a request added to the
 * contract later) is read by reflection, so a new activity is still tagged with its spec.
 */
final class ActivityArgs {
  private ActivityArgs() {}

  /** The first argument of this type, if any. */
  static <T> Optional<T> first(Object[] args, Class<T> type) {
    if (args != null) {
      for (Object a : args) {
        if (type.isInstance(a)) {
          return Optional.of(type.cast(a));
        }
      }
    }
    return Optional.empty();
  }

  /** The job spec an argument carries, if any. */
  static Optional<JobSpec> jobSpec(Object[] args) {
    if (args == null) {
      return Optional.empty();
    }
    for (Object a : args) {
      JobSpec spec = jobSpecOf(a);
      if (spec != null) {
        return Optional.of(spec);
      }
    }
    return Optional.empty();
  }

  /** The spec's name: from the job spec, or from {@link CloseCycle}, which carries only a name. */
  static Optional<String> specName(Object[] args) {
    Optional<String> closed = first(args, CloseCycle.class).map(CloseCycle::specName);
    return closed.isPresent() ? closed : jobSpec(args).map(JobSpec::name);
  }

  /** The range index, for activities that work on one range. */
  static Optional<Integer> rangeIndex(Object[] args) {
    return first(args, RangeRequest.class).map(RangeRequest::rangeIndex);
  }

  private static JobSpec jobSpecOf(Object a) {
    if (a instanceof JobSpec s) {
      return s;
    } else if (a instanceof RangeRequest r) {
      return r.spec();
    } else if (a instanceof CycleRef r) {
      return r.spec();
    } else if (a instanceof RouteRequest r) {
      return r.spec();
    } else if (a instanceof DecideRequest r) {
      return r.spec();
    } else if (a instanceof OpenCycle r) {
      return r.spec();
    } else if (a instanceof PlanRequest r) {
      return r.spec();
    } else if (a != null && a.getClass().isRecord()) {
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        if (c.getType() == JobSpec.class) {
          try {
            return (JobSpec) c.getAccessor().invoke(a);
          } catch (ReflectiveOperationException e) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
