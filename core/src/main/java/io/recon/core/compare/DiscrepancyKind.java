package io.recon.core.compare;

/** How a source row and its document disagree. */
public enum DiscrepancyKind {
  /** A source row without a document. */
  MISSING,
  /** A document without a source row. */
  ORPHAN,
  /** Both present, with at least one field that differs. */
  MISMATCH,
  /**
   * A key that one side holds more than once (a source query without a unique key, or documents
   * whose keys compare equal as numbers). Which record is the truth is unknowable, so it is
   * reported, never repaired; {@code detail} names the side and the count.
   */
  DUPLICATE_KEY,
  /**
   * A record whose key cannot be a key at all: a NULL (or absent) key part, on either side. It
   * cannot be matched to anything, so it is reported, never repaired; its key is a {@link
   * RecordKey#raw raw} key and {@code detail} names the side, the column or path and the count.
   */
  INVALID_KEY
}
