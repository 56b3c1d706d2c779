package io.recon.workflows.testing;

import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.Severity;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.DecideResult;
import io.recon.workflows.activities.RepairActivities;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.activities.RouteResult;
import io.recon.workflows.activities.VerifyResult;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.cycle.Gate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The repair side of the recon store in memory: a table of discrepancy statuses that the test seeds
 * as PERSISTENT with {@link #add}, moved through routing, decisions, repair, expiry and
 * verification as the real activities would. Every call is recorded; the recorded {@code decide}
 * requests stand in for the audit rows.
 */
public class FakeRepair implements RepairActivities {
  private final Map<String, DiscrepancyStatus> statuses = new LinkedHashMap<>();
  private final Map<String, Severity> severities = new HashMap<>();
  private final Map<String, DecideResult> byRequestId = new HashMap<>();

  /** Ids whose target changed since comparison, failed writes, and repairs that do not hold. */
  public final Set<String> changedSinceComparison = ConcurrentHashMap.newKeySet();

  public final Set<String> failingWrites = ConcurrentHashMap.newKeySet();
  public final Set<String> unresolvedAfterRepair = ConcurrentHashMap.newKeySet();

  /** Method names in call order. */
  public final List<String> calls = new CopyOnWriteArrayList<>();

  public final List<RouteRequest> routes = new CopyOnWriteArrayList<>();
  public final List<DecideRequest> audit = new CopyOnWriteArrayList<>();
  public final List<String> escalatedTo = new CopyOnWriteArrayList<>();

  /** Seeds a PERSISTENT discrepancy; an id starting with {@code orphan-} is an orphan delete. */
  public synchronized FakeRepair add(String id, Severity severity) {
    statuses.put(id, DiscrepancyStatus.PERSISTENT);
    severities.put(id, severity);
    return this;
  }

  public synchronized DiscrepancyStatus status(String id) {
    return statuses.get(id);
  }

  public synchronized List<String> withStatus(DiscrepancyStatus status) {
    return statuses.entrySet().stream()
        .filter(e -> e.getValue() == status)
        .map(Map.Entry::getKey)
        .toList();
  }

  @Override
  public synchronized RouteResult route(RouteRequest request) {
    calls.add("route");
    routes.add(request);
    RepairPolicy policy = request.spec().repair();
    List<String> persistent = withStatus(DiscrepancyStatus.PERSISTENT);
    double ratio = request.compared() == 0 ? 1 : (double) persistent.size() / request.compared();
    boolean tripped =
        ratio > policy.maxDivergenceRatio() || persistent.size() > policy.maxRepairsPerCycle();
    Gate gate =
        new Gate(
            tripped,
            ratio,
            policy.maxDivergenceRatio(),
            persistent.size(),
            policy.maxRepairsPerCycle());
    long approved = 0;
    long pending = 0;
    for (String id : persistent) {
      boolean auto =
          !tripped && !id.startsWith("orphan-") && policy.autoRepairs(severities.get(id));
      statuses.put(id, auto ? DiscrepancyStatus.APPROVED : DiscrepancyStatus.PENDING_APPROVAL);
      if (auto) {
        approved++;
      } else {
        pending++;
      }
    }
    return new RouteResult(gate, approved, pending, 0);
  }

  @Override
  public synchronized RepairOutcome repair(CycleRef cycle) {
    calls.add("repair");
    long applied = 0;
    long skipped = 0;
    long failed = 0;
    for (String id : withStatus(DiscrepancyStatus.APPROVED)) {
      if (changedSinceComparison.contains(id)) {
        statuses.put(id, DiscrepancyStatus.SKIPPED_CONCURRENT_CHANGE);
        skipped++;
      } else if (failingWrites.contains(id)) {
        statuses.put(id, DiscrepancyStatus.FAILED);
        failed++;
      } else {
        statuses.put(id, DiscrepancyStatus.REPAIRED);
        applied++;
      }
    }
    return new RepairOutcome(applied, skipped, failed);
  }

  @Override
  public synchronized DecideResult decide(DecideRequest request) {
    calls.add("decide");
    audit.add(request);
    if (request.requestId() != null && byRequestId.containsKey(request.requestId())) {
      return byRequestId.get(request.requestId());
    }
    List<String> pending = withStatus(DiscrepancyStatus.PENDING_APPROVAL);
    if (request.refusal() != null) {
      return new DecideResult(0, List.of(), pending.size());
    }
    List<String> named = request.ids().isEmpty() ? pending : request.ids();
    List<String> notPending = new ArrayList<>();
    long applied = 0;
    for (String id : named) {
      if (statuses.get(id) != DiscrepancyStatus.PENDING_APPROVAL) {
        notPending.add(id);
        continue;
      }
      statuses.put(
          id,
          "approve".equals(request.action())
              ? DiscrepancyStatus.APPROVED
              : DiscrepancyStatus.REJECTED);
      applied++;
    }
    var result =
        new DecideResult(
            applied, notPending, withStatus(DiscrepancyStatus.PENDING_APPROVAL).size());
    if (request.requestId() != null) {
      byRequestId.put(request.requestId(), result);
    }
    return result;
  }

  @Override
  public synchronized long expire(CycleRef cycle) {
    calls.add("expire");
    escalatedTo.add(cycle.spec().owner());
    List<String> pending = withStatus(DiscrepancyStatus.PENDING_APPROVAL);
    pending.forEach(id -> statuses.put(id, DiscrepancyStatus.EXPIRED));
    return pending.size();
  }

  @Override
  public synchronized VerifyResult verify(CycleRef cycle) {
    calls.add("verify");
    long verified = 0;
    long unresolved = 0;
    for (String id : withStatus(DiscrepancyStatus.REPAIRED)) {
      if (unresolvedAfterRepair.contains(id)) {
        statuses.put(id, DiscrepancyStatus.UNRESOLVED);
        unresolved++;
      } else {
        verified++;
      }
    }
    return new VerifyResult(verified, unresolved);
  }

  /** The audited decisions that the workflow refused itself. */
  public List<DecideRequest> refusalsAudited() {
    return audit.stream().filter(d -> d.refusal() != null).toList();
  }
}
