package io.recon.activities.audit;

import io.recon.core.canonical.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The seal over a pruned segment of an audit chain ({@code recon.audit_checkpoint}): rows {@code
 * firstSeq..lastSeq} were removed, and {@code segmentHash}, the chain hash of the last of them, is
 * what the first kept row links to. Its own hash covers every field and the previous checkpoint's
 * hash, so the checkpoints of a chain form a chain of their own, and the {@code retention.pruned}
 * event that names each checkpoint's hash ties them into the audit chain.
 *
 * @param number 1 for a chain's first checkpoint, then 2, 3...
 * @param rule the window that removed the rows, e.g. {@code audit 7y}
 * @param createdBy who ran the prune ({@code recon prune --by})
 */
public record AuditCheckpoint(
    String chain,
    int number,
    long firstSeq,
    long lastSeq,
    Instant firstAt,
    Instant lastAt,
    long rowCount,
    String segmentHash,
    String rule,
    String createdBy,
    Instant createdAt,
    String prevHash,
    String hash) {

  /** The hash this checkpoint must carry, from its content and {@code prevHash}. */
  public String expectedHash() {
    StringBuilder b = new StringBuilder(256);
    for (String field :
        new String[] {
          chain,
          Integer.toString(number),
          Long.toString(firstSeq),
          Long.toString(lastSeq),
          firstAt.toString(),
          lastAt.toString(),
          Long.toString(rowCount),
          segmentHash,
          rule,
          createdBy,
          createdAt.toString(),
          prevHash
        }) {
      // Length-prefixed like an audit row, so that no two different checkpoints encode alike.
      b.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append('|');
    }
    return Digests.sha256Hex(b.toString());
  }

  /** This checkpoint with its hash computed. */
  public AuditCheckpoint sealed() {
    return new AuditCheckpoint(
        chain,
        number,
        firstSeq,
        lastSeq,
        firstAt,
        lastAt,
        rowCount,
        segmentHash,
        rule,
        createdBy,
        createdAt,
        prevHash,
        expectedHash());
  }
}
