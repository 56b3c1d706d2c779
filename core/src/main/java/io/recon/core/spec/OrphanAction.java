package io.recon.core.spec;

/** What to do with a target document that has no source row. */
public enum OrphanAction {
  REPORT,
  DELETE
}
