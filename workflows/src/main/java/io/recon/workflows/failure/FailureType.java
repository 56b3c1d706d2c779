package io.recon.workflows.failure;

/**
 * The failures that retrying cannot fix. Their names become {@code ApplicationFailure} types, and
 * every activity's retry options list them as non-retryable, so a bad spec fails a cycle at once
 * with the message an operator needs instead of retrying for hours.
 *
 * <p>recon retries only what is known to be transient (see {@code
 * io.recon.activities.support.Failures}); everything else is one of these, {@link #UNEXPECTED} when
 * nothing more precise is known.
 */
public enum FailureType {
  /** The spec is invalid, or disagrees with itself. */
  BAD_SPEC,
  /** A start input or a request that does not parse or names a field wrongly. */
  BAD_REQUEST,
  /** The source lacks a column the spec names. */
  MISSING_COLUMN,
  /** The source query does not run (syntax, undefined table or function, a write refused). */
  BAD_QUERY,
  /** Authentication failed or a privilege is missing. */
  UNAUTHORIZED,
  /** A key value cannot be a key of the declared type, or the two sides order keys differently. */
  INVALID_KEY,
  /** Another cycle of the same job is running; cycles of one job never overlap. */
  CYCLE_ALREADY_RUNNING,
  /** The request cannot be served in this mode (incremental without source.updatedAt). */
  UNSUPPORTED_MODE,
  /**
   * A cycle was started by a spec name, or a version of it, that the spec registry does not hold.
   */
  UNKNOWN_SPEC,
  /**
   * A feed cannot follow its source: the replication slot or the publication is missing, the
   * source's {@code wal_level} is not {@code logical}, or the slot is in use by another process.
   */
  FEED_UNAVAILABLE,
  /** A source column's live type is not one its spec type can compare (the column was altered). */
  SCHEMA_DRIFT,
  /**
   * The source is not set up for the continuous mode: wal_level, publication, replica identity or
   * replication slot; the message names the setting and the statement that fixes it.
   */
  CAPTURE_SETUP,

  /**
   * A feed's stored position on a side can no longer be read from (a change stream's resume token
   * fell off the oplog, or the stream was invalidated by a drop or rename): changes may have been
   * missed, so a full cycle must run before the feed restarts.
   */
  FEED_POSITION_LOST,
  /**
   * A failure nobody foresaw: a bug, or an error of an engine that is not on the list of transient
   * ones. Retrying a deterministic failure would loop, so it ends the cycle and says what it was.
   */
  UNEXPECTED;

  /** Every type name, for {@code RetryOptions.setDoNotRetry}. */
  public static String[] names() {
    FailureType[] values = values();
    String[] names = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      names[i] = values[i].name();
    }
    return names;
  }
}
