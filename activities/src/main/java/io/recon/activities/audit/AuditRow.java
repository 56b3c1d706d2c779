package io.recon.activities.audit;

import io.recon.core.canonical.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stored audit row and the rule that hashes it: SHA-256 over every field, each length-prefixed so
 * that no two different rows encode alike, followed by the previous row's hash.
 */
public record AuditRow(
    String chain,
    long seq,
    Instant occurredAt,
    String cycleId,
    String actor,
    String action,
    String subject,
    String detail,
    String reason,
    String prevHash,
    String hash) {

  /** The hash of the chain's first row's predecessor. */
  public static final String GENESIS = "0".repeat(64);

  /** The hash this row must carry, computed from its content and {@code prevHash}. */
  public String expectedHash() {
    StringBuilder b = new StringBuilder(256);
    for (String field :
        new String[] {
          chain,
          Long.toString(seq),
          occurredAt.toString(),
          cycleId,
          actor,
          action,
          subject,
          detail,
          reason,
          prevHash
        }) {
      if (field == null) {
        b.append("-1:");
      } else {
        b.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
      }
      b.append('|');
    }
    return Digests.sha256Hex(b.toString());
  }
}
