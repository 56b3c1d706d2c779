package io.recon.cli;

/** The exit codes every recon command shares; documented in {@code recon --help} and docs/. */
public final class ExitCodes {
  /** In sync, or everything repaired. */
  public static final int OK = 0;

  /** A failure: an engine unreachable, a cycle failed, an unexpected error. */
  public static final int FAILURE = 1;

  /** Bad usage or a bad spec. */
  public static final int USAGE = 2;

  /** Discrepancies remain, or a decision is pending. */
  public static final int PENDING = 3;

  /** The audit chain is broken. */
  public static final int AUDIT_BROKEN = 4;

  /**
   * Retention removed what the command needs: {@code recon rollback} of a repair whose before-image
   * (or whole repair row) was pruned.
   */
  public static final int PRUNED = 5;

  private ExitCodes() {}
}
