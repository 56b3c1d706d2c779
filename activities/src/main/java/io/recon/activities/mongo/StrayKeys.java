package io.recon.activities.mongo;

import io.recon.core.canonical.DocumentPaths;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.DiscrepancySink;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Turns target documents whose key is no key of the spec's types into discrepancies: a NULL or
 * absent key part is an {@code INVALID_KEY}, a part of another type (the string {@code "1"} where
 * integers are declared, the double 1.5) a foreign-typed {@code ORPHAN} whose detail names the
 * type. Documents arrive sorted by key, so the documents of one raw key are consecutive and are
 * folded into one discrepancy with their count: the store holds one row per key and kind.
 */
public final class StrayKeys {
  private static final JsonWriterSettings RELAXED =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
  private static final Map<BsonType, String> ALIASES =
      Map.ofEntries(
          Map.entry(BsonType.DOUBLE, "double"),
          Map.entry(BsonType.STRING, "string"),
          Map.entry(BsonType.DOCUMENT, "object"),
          Map.entry(BsonType.ARRAY, "array"),
          Map.entry(BsonType.BINARY, "binData"),
          Map.entry(BsonType.OBJECT_ID, "objectId"),
          Map.entry(BsonType.BOOLEAN, "bool"),
          Map.entry(BsonType.DATE_TIME, "date"),
          Map.entry(BsonType.NULL, "null"),
          Map.entry(BsonType.REGULAR_EXPRESSION, "regex"),
          Map.entry(BsonType.INT32, "int"),
          Map.entry(BsonType.INT64, "long"),
          Map.entry(BsonType.DECIMAL128, "decimal"),
          Map.entry(BsonType.TIMESTAMP, "timestamp"),
          Map.entry(BsonType.MIN_KEY, "minKey"),
          Map.entry(BsonType.MAX_KEY, "maxKey"));

  private final TargetKeys keys;
  private final Severity orphanSeverity;
  private final DiscrepancySink sink;
  private RecordKey pendingKey;
  private String pendingWhat;
  private boolean pendingInvalid;
  private long pendingCount;
  private long orphans;
  private long invalid;
  private long documents;

  public StrayKeys(TargetKeys keys, Severity orphanSeverity, DiscrepancySink sink) {
    this.keys = keys;
    this.orphanSeverity = orphanSeverity;
    this.sink = sink;
  }

  /** Takes one document whose key did not parse. */
  public void accept(Document doc) {
    documents++;
    var parts = new ArrayList<String>(keys.paths().size());
    var nulls = new ArrayList<String>();
    var foreign = new ArrayList<String>();
    for (int i = 0; i < keys.paths().size(); i++) {
      String path = keys.paths().get(i);
      Object v = DocumentPaths.get(doc, path);
      if (v == DocumentPaths.ABSENT) {
        parts.add("null");
        nulls.add(path + " absent");
        continue;
      }
      BsonValue bson = new Document("v", v).toBsonDocument().get("v");
      String json = json(v);
      parts.add(json);
      if (bson.isNull()) {
        nulls.add(path + " null");
        continue;
      }
      String alias = ALIASES.getOrDefault(bson.getBsonType(), bson.getBsonType().name());
      boolean typeOk = keys.bsonTypes(i).contains(alias);
      if (!typeOk || !parses(i, v)) {
        foreign.add(
            path
                + " is "
                + (typeOk ? "the " : "aeiou".indexOf(alias.charAt(0)) >= 0 ? "an " : "a ")
                + alias
                + " "
                + json
                + (typeOk ? ", no valid " : " where the key is ")
                + keys.type(i)
                + (typeOk ? " key part" : ""));
      }
    }
    boolean isInvalid = !nulls.isEmpty();
    String what =
        isInvalid
            ? "key " + String.join(", ", nulls) + " (_id " + json(doc.get("_id")) + ")"
            : String.join("; ", foreign);
    if (!isInvalid && foreign.isEmpty()) {
      // Every part is fine on its own (a UUID stored in the other form): still not addressable.
      what = "a key that is not of the collection's stored form (_id " + json(doc.get("_id")) + ")";
    }
    RecordKey key = RecordKey.raw(parts);
    if (key.equals(pendingKey) && isInvalid == pendingInvalid) {
      pendingCount++;
      return;
    }
    flush();
    pendingKey = key;
    pendingWhat = what;
    pendingInvalid = isInvalid;
    pendingCount = 1;
  }

  /** Hands the folded discrepancy in progress to the sink. */
  public void flush() {
    if (pendingKey == null) {
      return;
    }
    if (pendingInvalid) {
      sink.accept(Discrepancy.invalidKey(pendingKey, "target", pendingCount, pendingWhat));
      invalid++;
    } else {
      sink.accept(Discrepancy.foreignOrphan(pendingKey, orphanSeverity, pendingCount, pendingWhat));
      orphans++;
    }
    pendingKey = null;
  }

  /**
   * What was handed on since the last call: foreign-typed ORPHANs, INVALID_KEYs and the documents
   * they stand for. Call {@link #flush} first.
   */
  public long[] take() {
    long[] t = {orphans - taken[0], invalid - taken[1], documents - taken[2]};
    taken[0] = orphans;
    taken[1] = invalid;
    taken[2] = documents;
    return t;
  }

  private final long[] taken = new long[3];

  /** Foreign-typed ORPHAN discrepancies handed on so far. */
  public long orphans() {
    return orphans;
  }

  /** INVALID_KEY discrepancies handed on so far. */
  public long invalid() {
    return invalid;
  }

  /** Documents taken so far. */
  public long documents() {
    return documents;
  }

  private boolean parses(int i, Object v) {
    if (keys.type(i) == io.recon.core.compare.KeyType.UUID && v instanceof String s) {
      try {
        v = java.util.UUID.fromString(s);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    try {
      RecordKey.fromBson(List.of(keys.type(i)), java.util.Collections.singletonList(v));
      return true;
    } catch (InvalidKeyException e) {
      return false;
    }
  }

  /** Longest raw key part kept whole; a longer one keeps its start and a hash of the rest. */
  static final int MAX_PART = 120;

  /**
   * A BSON value as relaxed Extended JSON: {@code "1"}, {@code 1.5}, {@code {"$oid": ...}}. A value
   * longer than {@link #MAX_PART} (a whole document as a key) is cut, and a hash of all of it keeps
   * two such values apart.
   */
  static String json(Object value) {
    String doc = new Document("v", value).toJson(RELAXED);
    String json = doc.substring(doc.indexOf(':') + 1, doc.length() - 1).strip();
    if (json.length() <= MAX_PART) {
      return json;
    }
    return json.substring(0, MAX_PART)
        + "… sha256:"
        + io.recon.core.canonical.Digests.sha256Hex(json).substring(0, 16);
  }
}
