package io.recon.activities.repair;

import io.recon.activities.source.SourceReader;
import io.recon.activities.support.StoreJson;
import io.recon.core.compare.RecordKey;
import org.bson.Document;

/** One approved discrepancy of a repair batch, and what became of it. */
final class RepairItem {
  final Approved d;
  final RecordKey key;
  SourceReader.Row row;
  Document doc;
  String idempotencyKey;
  Long repairId;
  RepairStatus existing;
  RepairWrite write;
  RepairStatus status;
  String error;
  String afterHash;
  String keyFilter;

  RepairItem(Approved d) {
    this.d = d;
    this.key = StoreJson.key(d.keyText());
  }

  /** Whether an earlier attempt already recorded this repair's outcome. */
  boolean settledBefore() {
    return existing != null && existing != RepairStatus.APPLYING;
  }

  /** The write's action, or the one its kind would need. */
  RepairAction action() {
    if (write != null) {
      return write.action();
    }
    return RepairAction.of(d.kind());
  }
}
