package io.recon.workflows.cycle;

import io.recon.core.compare.DiscrepancyKind;

/**
 * Discrepancies by {@link DiscrepancyKind}: one count per kind, named.
 *
 * @param missing MISSING (source row, no document)
 * @param orphan ORPHAN (document, no source row)
 * @param mismatch MISMATCH (both present, a field differs)
 * @param duplicate DUPLICATE_KEY (a key one side holds more than once)
 * @param invalidKey INVALID_KEY (a NULL or absent key part, either side)
 */
public record Findings(long missing, long orphan, long mismatch, long duplicate, long invalidKey) {
  public static final Findings NONE = new Findings(0, 0, 0, 0, 0);

  /** Discrepancies of every kind. */
  public long total() {
    return missing + orphan + mismatch + duplicate + invalidKey;
  }

  /** The count of {@code kind}. */
  public long of(DiscrepancyKind kind) {
    return switch (kind) {
      case MISSING -> missing;
      case ORPHAN -> orphan;
      case MISMATCH -> mismatch;
      case DUPLICATE_KEY -> duplicate;
      case INVALID_KEY -> invalidKey;
    };
  }

  /** These findings with {@code n} more of {@code kind}. */
  public Findings plus(DiscrepancyKind kind, long n) {
    return switch (kind) {
      case MISSING -> new Findings(missing + n, orphan, mismatch, duplicate, invalidKey);
      case ORPHAN -> new Findings(missing, orphan + n, mismatch, duplicate, invalidKey);
      case MISMATCH -> new Findings(missing, orphan, mismatch + n, duplicate, invalidKey);
      case DUPLICATE_KEY -> new Findings(missing, orphan, mismatch, duplicate + n, invalidKey);
      case INVALID_KEY -> new Findings(missing, orphan, mismatch, duplicate, invalidKey + n);
    };
  }

  public Findings plus(Findings o) {
    return new Findings(
        missing + o.missing,
        orphan + o.orphan,
        mismatch + o.mismatch,
        duplicate + o.duplicate,
        invalidKey + o.invalidKey);
  }
}
