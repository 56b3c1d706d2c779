package io.recon.activities.feed.mongo;

import com.mongodb.client.MongoClient;
import io.recon.activities.feed.Capture;
import io.recon.activities.feed.CaptureOrigin;
import io.recon.activities.source.SourceProbe;
import io.recon.core.spec.JobSpec;
import javax.sql.DataSource;

/**
 * The target side of a feed: the collection's change stream, read by {@link MongoCapture} from the
 * resume token the store keeps. A server without change streams (a standalone, the embedded
 * MongoDB-wire server) is reported unsupported when the feed starts, and the feed then relies on
 * the scheduled full cycle for changes made only to the copy.
 */
public final class MongoCaptureOrigin implements CaptureOrigin {
  private final MongoClient mongo;
  private final DataSource readOnlySource;

  public MongoCaptureOrigin(MongoClient mongo, DataSource readOnlySource) {
    this.mongo = mongo;
    this.readOnlySource = readOnlySource;
  }

  @Override
  public String unsupported(JobSpec spec) {
    return MongoCapture.unsupported(mongo, spec);
  }

  @Override
  public Capture open(JobSpec spec, String cursor) {
    // The key types come from the source, so a UUID key the copy stores as text decodes as the
    // source's type rather than as a guess from the value.
    return MongoCapture.open(
        mongo, spec, SourceProbe.keyTypes(readOnlySource, spec, false), cursor);
  }

  @Override
  public void drop(JobSpec spec) {
    // A change stream keeps nothing on the server: its position is the token in the store.
  }
}
