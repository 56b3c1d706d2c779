package io.recon.activities.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.recon.activities.support.Failures;
import io.recon.core.canonical.DocumentPaths;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.workflows.failure.FailureType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * How a collection stores its key parts. Integers are queried as int64 (MongoDB compares numbers
 * across int32, int64 and double); text as strings; a UUID either as Binary subtype 4 or as its
 * lower-case text, whichever the collection's documents use. Lower-case hex text sorts like the
 * unsigned bytes, so both forms keep the key order.
 */
public final class TargetKeys {
  private final List<String> paths;
  private final List<KeyType> types;
  private final List<Boolean> uuidAsText;

  private TargetKeys(List<String> paths, List<KeyType> types, List<Boolean> uuidAsText) {
    this.paths = List.copyOf(paths);
    this.types = List.copyOf(types);
    this.uuidAsText = List.copyOf(uuidAsText);
  }

  /** Probes one document per UUID part to learn its stored form (Binary when none has it). */
  public static TargetKeys probe(
      MongoCollection<Document> collection, List<String> paths, List<KeyType> types) {
    if (paths.size() != types.size()) {
      throw new IllegalArgumentException("one key type per target key path is required");
    }
    var text = new ArrayList<Boolean>();
    for (int i = 0; i < paths.size(); i++) {
      boolean asText = false;
      if (types.get(i) == KeyType.UUID) {
        Document d =
            collection
                .find(Filters.exists(paths.get(i)))
                .projection(Projections.include(paths.get(i)))
                .first();
        asText = d != null && DocumentPaths.get(d, paths.get(i)) instanceof String;
      }
      text.add(asText);
    }
    return new TargetKeys(paths, types, text);
  }

  public List<String> paths() {
    return paths;
  }

  /** The BSON value of part {@code i} of {@code key}, in the collection's stored form. */
  public Object bson(RecordKey key, int i) {
    Object part = key.parts().get(i);
    if (part instanceof UUID u) {
      return uuidAsText.get(i) ? u.toString() : binary(u);
    }
    return part;
  }

  /** The key of a document read from the collection. */
  public RecordKey of(Document doc) {
    try {
      return parse(doc);
    } catch (InvalidKeyException e) {
      throw Failures.permanent(
          FailureType.INVALID_KEY, "target document with _id " + doc.get("_id") + ": " + e);
    }
  }

  /**
   * The BSON type aliases ({@code $type}) that part {@code i} may have: every numeric type for an
   * integer (MongoDB holds 1, NumberLong(1), 1.0 and NumberDecimal("1") equal), the stored form for
   * a UUID.
   */
  public List<String> bsonTypes(int i) {
    return switch (types.get(i)) {
      case INTEGER -> List.of("int", "long", "double", "decimal");
      case TEXT -> List.of("string");
      case UUID -> List.of(uuidAsText.get(i) ? "string" : "binData");
      case RAW -> throw new IllegalStateException("RAW is never a declared key type");
    };
  }

  /** The declared type of part {@code i}. */
  public KeyType type(int i) {
    return types.get(i);
  }

  /**
   * The key of a document read from the collection.
   *
   * @throws InvalidKeyException naming the part that is absent, NULL or not of its declared type
   */
  public RecordKey parse(Document doc) {
    var values = new ArrayList<Object>(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      Object v = DocumentPaths.get(doc, paths.get(i));
      if (types.get(i) == KeyType.UUID && v instanceof String s) {
        try {
          v = UUID.fromString(s);
        } catch (IllegalArgumentException e) {
          // Left as text: fromBson names it as an invalid UUID part.
        }
      }
      values.add(v == DocumentPaths.ABSENT ? null : v);
    }
    return RecordKey.fromBson(types, values);
  }

  /** A UUID as Binary subtype 4 (standard byte order). */
  public static Binary binary(UUID u) {
    return new Binary(
        BsonBinarySubType.UUID_STANDARD,
        ByteBuffer.allocate(16)
            .putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits())
            .array());
  }
}
