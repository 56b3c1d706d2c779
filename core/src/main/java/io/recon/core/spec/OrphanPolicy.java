package io.recon.core.spec;

/** How a document without a source row is rated and handled; default {@code HIGH}, report. */
public record OrphanPolicy(Severity severity, OrphanAction action) {
  public static final OrphanPolicy DEFAULT = new OrphanPolicy(Severity.HIGH, OrphanAction.REPORT);

  public OrphanPolicy {
    severity = severity == null ? Severity.HIGH : severity;
    action = action == null ? OrphanAction.REPORT : action;
  }
}
