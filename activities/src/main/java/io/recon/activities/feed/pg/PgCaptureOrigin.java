package io.recon.activities.feed.pg;

import io.recon.activities.feed.Capture;
import io.recon.activities.feed.CaptureOrigin;
import io.recon.core.spec.JobSpec;
import javax.sql.DataSource;

/**
 * The source side of a feed: the job's logical replication slot, read by {@link PgCapture}. The
 * slot keeps the position (its confirmed LSN), so the cursor the store holds is only a record of
 * it; {@link PgCapture} reads it back through the sink to skip a transaction stored but not yet
 * confirmed.
 */
public final class PgCaptureOrigin implements CaptureOrigin {
  private final PgCaptureSettings settings;
  private final DataSource readOnlySource;

  public PgCaptureOrigin(PgCaptureSettings settings, DataSource readOnlySource) {
    this.settings = settings;
    this.readOnlySource = readOnlySource;
  }

  @Override
  public String unsupported(JobSpec spec) {
    // Every PostgreSQL 10+ has logical replication; what the source lacks (wal_level, the
    // publication, replica identity) fails the first capture with CAPTURE_SETUP and its fix.
    return null;
  }

  @Override
  public Capture open(JobSpec spec, String cursor) {
    return PgCapture.open(settings, readOnlySource, spec);
  }

  @Override
  public void drop(JobSpec spec) {
    PgCapture.dropSlot(settings, spec.feedSettings().slotName(spec.name()));
  }
}
