package io.recon.starter;

/** No cycle with this id exists, neither in Temporal nor in the recon store. */
public final class UnknownCycleException extends RuntimeException {
  public UnknownCycleException(String cycleId) {
    super(
        "unknown cycle '"
            + cycleId
            + "': no such workflow and no such cycle in the recon store"
            + " (recon history SPEC lists a job's cycles)");
  }
}
