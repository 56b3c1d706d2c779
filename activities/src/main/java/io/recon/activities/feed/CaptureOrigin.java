package io.recon.activities.feed;

import io.recon.core.spec.JobSpec;

/**
 * Opens the captures of one side for a job. The worker plugs in the real ones ({@code PgCapture}
 * for {@link ChangeOrigin#SOURCE}, {@code MongoCapture} for {@link ChangeOrigin#TARGET}); tests a
 * fake that stores keys through the real {@link KeySink}.
 */
public interface CaptureOrigin {
  /**
   * Null when this side of {@code spec} can be followed; otherwise why not, in one line (a MongoDB
   * server without change streams). Asked once when a feed starts.
   */
  String unsupported(JobSpec spec);

  /**
   * Opens a capture of {@code spec}'s changes from {@code cursor}, the position last stored for
   * this side (null if none: from where the side is now, or the slot's confirmed position).
   *
   * @throws io.temporal.failure.ApplicationFailure of type {@code FEED_UNAVAILABLE} when the side
   *     cannot be followed at all (no slot or publication, {@code wal_level} not logical)
   */
  Capture open(JobSpec spec, String cursor);

  /**
   * Drops what this side keeps for {@code spec}'s feed on the server: the replication slot of the
   * source; nothing for the target. Idempotent: a slot already gone is not an error.
   */
  void drop(JobSpec spec);

  /** A side that cannot be followed in this build, for {@code why}. */
  static CaptureOrigin unavailable(String why) {
    return new CaptureOrigin() {
      @Override
      public String unsupported(JobSpec spec) {
        return why;
      }

      @Override
      public Capture open(JobSpec spec, String cursor) {
        throw io.recon.activities.support.Failures.permanent(
            io.recon.workflows.failure.FailureType.FEED_UNAVAILABLE, why);
      }

      @Override
      public void drop(JobSpec spec) {}
    };
  }
}
