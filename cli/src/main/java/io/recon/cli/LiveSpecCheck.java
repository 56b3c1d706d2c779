package io.recon.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.feed.pg.CaptureSetup;
import io.recon.activities.feed.pg.PgCapture;
import io.recon.activities.feed.pg.PgCaptureSettings;
import io.recon.activities.source.ReadOnlySource;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.support.Connections;
import io.recon.core.canonical.DocumentPaths;
import io.recon.core.compare.KeyType;
import io.recon.core.config.EndpointUnavailableException;
import io.recon.core.config.ReconConfig;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code recon spec check --connect}: the spec against the live engines. The source must run the
 * relation and have every named column and the key (an error, exit 2); the target is sampled, and
 * what a document lacks is a warning, since fields may be sparse. A spec with {@code feed:} is also
 * checked for the continuous mode ({@link CaptureSetup}, and a replication login): every problem
 * {@code recon feed start} would refuse is an error here.
 */
final class LiveSpecCheck {
  private final ReconConfig config;
  private final PrintWriter out;
  private final PrintWriter err;

  LiveSpecCheck(ReconConfig config, PrintWriter out, PrintWriter err) {
    this.config = config;
    this.out = out;
    this.err = err;
  }

  int run(JobSpec spec) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    checkSource(spec, problems, warnings);
    checkTarget(spec, warnings);
    warnings.forEach(w -> out.println("warning: " + w));
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("error: " + p));
      err.flush();
      return ExitCodes.USAGE;
    }
    out.println("OK: spec '" + spec.name() + "' matches the live source and target");
    return ExitCodes.OK;
  }

  private void checkSource(JobSpec spec, List<String> problems, List<String> warnings) {
    HikariDataSource source;
    try {
      source = Connections.readOnlyPostgres(config.source(), "recon-spec-check", 1);
    } catch (RuntimeException e) {
      throw new EndpointUnavailableException(
          "PostgreSQL source", ReconConfig.RECON_SOURCE_URL, config.source().toString(), e);
    }
    try (source) {
      List<KeyType> keyTypes = SourceProbe.keyTypes(source, spec, false);
      Map<String, String> columns = SourceProbe.columns(source, spec.source());
      out.printf("source: %s (%d columns)%n", SourceProbe.describe(spec.source()), columns.size());
      for (int i = 0; i < spec.source().key().size(); i++) {
        String key = spec.source().key().get(i);
        out.printf("  key   %-24s %-12s -> %s%n", key, columns.get(key), keyTypes.get(i));
      }
      for (FieldSpec f : spec.fields()) {
        out.printf(
            "  field %-24s %-12s -> %s %s%n",
            f.source(), columns.get(f.source()), f.target(), f.type().name().toLowerCase());
      }
      warnings.addAll(SourceProbe.nullableKeys(source, spec.source()));
      if (spec.feed() != null) {
        checkFeed(source, spec, problems, warnings);
      }
    } catch (ApplicationFailure e) {
      problems.add(e.getOriginalMessage());
    }
  }

  private void checkFeed(
      HikariDataSource source, JobSpec spec, List<String> problems, List<String> warnings) {
    String slot = spec.feed().slotName(spec.name());
    String publication = spec.feed().publicationName(spec.name());
    out.printf("feed:   slot %s, publication %s%n", slot, publication);
    try (Connection c = ReadOnlySource.open(source)) {
      CaptureSetup setup = CaptureSetup.inspect(c, spec);
      c.commit();
      problems.addAll(setup.problems());
      warnings.addAll(setup.warnings());
    } catch (SQLException e) {
      problems.add("the feed's setup cannot be read: " + e.getMessage());
    }
    try {
      PgCapture.checkLogin(PgCaptureSettings.of(config));
    } catch (ApplicationFailure e) {
      problems.add(e.getOriginalMessage());
    }
  }

  private void checkTarget(JobSpec spec, List<String> warnings) {
    try (MongoClient mongo = Connections.mongo(config.mongo())) {
      MongoDatabase db = mongo.getDatabase(spec.target().database());
      boolean exists = false;
      try {
        for (String name : db.listCollectionNames()) {
          exists |= name.equals(spec.target().collection());
        }
      } catch (RuntimeException e) {
        throw new EndpointUnavailableException(
            "MongoDB", ReconConfig.RECON_MONGO_URI, config.mongo().toString(), e);
      }
      String ns = spec.target().database() + "." + spec.target().collection();
      if (!exists) {
        warnings.add(
            "target collection " + ns + " does not exist (yet): every row would be MISSING");
        return;
      }
      MongoCollection<Document> collection = db.getCollection(spec.target().collection());
      long count = collection.estimatedDocumentCount();
      Document sample = collection.find().limit(1).first();
      out.printf("target: %s (about %,d documents)%n", ns, count);
      if (sample == null) {
        return;
      }
      for (String key : spec.target().key()) {
        if (DocumentPaths.get(sample, key) == DocumentPaths.ABSENT) {
          warnings.add("a sampled document of " + ns + " has no key field '" + key + "'");
        }
      }
      for (FieldSpec f : spec.fields()) {
        if (DocumentPaths.get(sample, f.target()) == DocumentPaths.ABSENT) {
          warnings.add(
              "a sampled document of "
                  + ns
                  + " has no field '"
                  + f.target()
                  + "' (fine if the field is sparse; a typo would flag every record)");
        }
      }
    }
  }
}
