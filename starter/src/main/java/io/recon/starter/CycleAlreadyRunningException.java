package io.recon.starter;

/** A cycle of the same job is still running; cycles of one job never overlap. */
public final class CycleAlreadyRunningException extends RuntimeException {
  private final String runningCycleId;

  public CycleAlreadyRunningException(String specName, String runningCycleId) {
    super(
        "spec '"
            + specName
            + "' already has a running cycle: "
            + runningCycleId
            + ". Cycles of one job never overlap: wait for it, or decide what it holds"
            + " (recon status "
            + runningCycleId
            + ").");
    this.runningCycleId = runningCycleId;
  }

  public String runningCycleId() {
    return runningCycleId;
  }
}
