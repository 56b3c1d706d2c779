package io.recon.core.spec;

/** How a source row without a document is rated; default {@code HIGH}. */
public record MissingPolicy(Severity severity) {
  public static final MissingPolicy DEFAULT = new MissingPolicy(Severity.HIGH);

  public MissingPolicy {
    severity = severity == null ? Severity.HIGH : severity;
  }
}
