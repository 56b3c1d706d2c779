package io.recon.core.compare;

/** How a source row and its document disagree. */
public enum DiscrepancyKind {
  /** A source row without a document. */
  MISSING,
  /** A document without a source row. */
  ORPHAN,
  /** Both present, with at least one field that differs. */
  MISMATCH
}
