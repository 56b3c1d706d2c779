package io.recon.core.spec;

/**
 * A job's cap on the load it puts on the databases it reconciles.
 *
 * @param readsPerSecond records read per second from each side (source rows, and target documents
 *     likewise), for the whole job: each of the {@code parallelism} ranges compared at once gets an
 *     equal share; 0 means no cap
 * @param writesPerSecond repair writes per second to the target; 0 means no cap
 */
public record Limits(long readsPerSecond, long writesPerSecond) {
  public static final Limits NONE = new Limits(0, 0);

  public Limits {
    Require.check(readsPerSecond >= 0, "limits.readsPerSecond", "must be >= 0");
    Require.check(writesPerSecond >= 0, "limits.writesPerSecond", "must be >= 0");
  }

  /** The read rate one of {@code parallelism} concurrent ranges may use, or 0 for no cap. */
  public double readsPerSecondPerRange(int parallelism) {
    return readsPerSecond == 0 ? 0 : Math.max(1.0, (double) readsPerSecond / parallelism);
  }
}
