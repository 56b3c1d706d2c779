package io.recon.activities.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recon.core.audit.AuditAction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of a chain that retention removed, as its checkpoints describe it, and the checks that
 * tie the checkpoints to the kept rows: the checkpoints follow each other without a gap from row 1,
 * each carries the hash of its content and its predecessor, and the newest is named, with that
 * hash, by a kept {@code retention.pruned} event (an older one may be named too, and then must
 * match). A checkpoint changed after the fact fails one of these.
 */
final class SealedPrefix {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final List<AuditCheckpoint> checkpoints;
  private final AuditReport.BrokenLink broken;
  private final Set<Integer> named = new HashSet<>();

  private SealedPrefix(List<AuditCheckpoint> checkpoints, AuditReport.BrokenLink broken) {
    this.checkpoints = checkpoints;
    this.broken = broken;
  }

  static SealedPrefix of(List<AuditCheckpoint> checkpoints) {
    long nextSeq = 1;
    String prev = AuditRow.GENESIS;
    for (int i = 0; i < checkpoints.size(); i++) {
      AuditCheckpoint c = checkpoints.get(i);
      String problem = null;
      if (c.number() != i + 1) {
        problem = "checkpoint " + (i + 1) + " is missing";
      } else if (c.firstSeq() != nextSeq) {
        problem =
            "checkpoint " + c.number() + " starts at row " + c.firstSeq() + ", not " + nextSeq;
      } else if (!c.prevHash().equals(prev)) {
        problem = "checkpoint " + c.number() + " is not chained to checkpoint " + i;
      } else if (!c.expectedHash().equals(c.hash())) {
        problem = "checkpoint " + c.number() + "'s content no longer matches its hash";
      }
      if (problem != null) {
        return new SealedPrefix(
            checkpoints, new AuditReport.BrokenLink(c.firstSeq(), "CHECKPOINT", problem));
      }
      nextSeq = c.lastSeq() + 1;
      prev = c.hash();
    }
    return new SealedPrefix(checkpoints, null);
  }

  /** Why the checkpoints do not verify, or null. */
  AuditReport.BrokenLink broken() {
    return broken;
  }

  private AuditCheckpoint newest() {
    return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
  }

  /** The sequence number of the first kept row. */
  long nextSeq() {
    return newest() == null ? 1 : newest().lastSeq() + 1;
  }

  /** The hash the first kept row links to. */
  String prevHash() {
    return newest() == null ? AuditRow.GENESIS : newest().segmentHash();
  }

  /** Rows removed under checkpoints: every row before {@link #nextSeq()}. */
  long prunedRows() {
    return nextSeq() - 1;
  }

  /**
   * For a verified row: why it misnames a checkpoint (a {@code retention.pruned} event naming a
   * checkpoint by another hash than the stored one, or one that does not exist), or null.
   */
  String misnamedBy(AuditRow row) {
    if (!AuditAction.RETENTION_PRUNED.text().equals(row.action()) || row.detail() == null) {
      return null;
    }
    JsonNode d;
    try {
      d = JSON.readTree(row.detail());
    } catch (java.io.IOException e) {
      return null;
    }
    if (!d.hasNonNull(AuditSealer.CHECKPOINT_HASH)) {
      return null;
    }
    int number = d.path(AuditSealer.CHECKPOINT).asInt();
    if (number < 1 || number > checkpoints.size()) {
      return "the event names checkpoint " + number + ", which does not exist";
    }
    if (!checkpoints.get(number - 1).hash().equals(d.get(AuditSealer.CHECKPOINT_HASH).asText())) {
      return "checkpoint " + number + " no longer has the hash this event recorded for it";
    }
    named.add(number);
    return null;
  }

  /** After every kept row was seen: why the newest checkpoint is not tied in, or null. */
  String unnamed() {
    AuditCheckpoint newest = newest();
    if (newest == null || named.contains(newest.number())) {
      return null;
    }
    return "checkpoint "
        + newest.number()
        + " is named by no kept audit event: it was changed or its event removed";
  }

  /** Where verification started, or null for a chain never pruned. */
  AuditReport.VerifiedFrom from() {
    AuditCheckpoint newest = newest();
    return newest == null
        ? null
        : new AuditReport.VerifiedFrom(newest.number(), nextSeq(), newest.lastAt(), prunedRows());
  }
}
