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

  /** The document the write leaves, when it takes effect on {@link #doc}: computed, not read. */
  boolean predicted;

  /** The hash of that document (null for a delete). */
  String predictedHash;

  private String beforeImage;
  private String afterImage;

  RepairItem(Approved d) {
    this.d = d;
    this.key = StoreJson.key(d.keyText());
  }

  /** Whether an earlier attempt already recorded this repair's outcome. */
  boolean settledBefore() {
    return existing != null && existing != RepairStatus.APPLYING;
  }

  /** The before-image as stored: the target document as extended JSON, or null. */
  String beforeImage() {
    if (beforeImage == null && doc != null) {
      beforeImage = doc.toJson(Repairer.EXTENDED);
    }
    return beforeImage;
  }

  /** The write's after-image as stored (the new document, or the update), or null. */
  String afterImage() {
    if (afterImage == null && write != null && write.after() != null) {
      afterImage = write.after().toJson(Repairer.EXTENDED);
    }
    return afterImage;
  }

  /** The write's action, or the one its kind would need. */
  RepairAction action() {
    if (write != null) {
      return write.action();
    }
    return RepairAction.of(d.kind());
  }
}
