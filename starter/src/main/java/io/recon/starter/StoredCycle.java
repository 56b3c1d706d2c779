package io.recon.starter;

import io.recon.schema.jooq.tables.records.CycleRecord;
import java.time.OffsetDateTime;

/** A cycle as the recon store recorded it. */
public record StoredCycle(
    String cycleId,
    String specName,
    String specHash,
    String mode,
    String initiator,
    String status,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    int rangesTotal,
    int rangesDone,
    long compared,
    long missing,
    long orphan,
    long mismatch,
    long transientCount,
    Double gateRatio,
    Double gateThreshold,
    String error) {

  static StoredCycle of(CycleRecord r) {
    return new StoredCycle(
        r.getCycleId(),
        r.getSpecName(),
        r.getSpecHash(),
        r.getMode(),
        r.getInitiator(),
        r.getStatus(),
        r.getStartedAt(),
        r.getFinishedAt(),
        r.getRangesTotal(),
        r.getRangesDone(),
        r.getCompared(),
        r.getMissing(),
        r.getOrphan(),
        r.getMismatch(),
        r.getTransient(),
        r.getGateRatio(),
        r.getGateThreshold(),
        r.getError());
  }
}
