package io.recon.activities.target;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import io.recon.core.canonical.DocumentPaths;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * How a collection stores its key parts, so that query bounds are built in the BSON type the
 * documents hold: integers as int64 (MongoDB compares numbers across int32, int64 and double), text
 * as strings, and UUIDs either as Binary subtype 4 or as lower-case text, decided by sampling one
 * document (an empty collection defaults to Binary subtype 4).
 */
public final class TargetKeys {
  private final List<String> paths;
  private final List<KeyType> types;
  private final boolean[] uuidAsText;

  TargetKeys(List<String> paths, List<KeyType> types, boolean[] uuidAsText) {
    this.paths = List.copyOf(paths);
    this.types = List.copyOf(types);
    this.uuidAsText = uuidAsText.clone();
  }

  /** Samples one document of {@code collection} to learn how UUID key parts are stored. */
  public static TargetKeys sample(
      MongoCollection<Document> collection, List<String> paths, List<KeyType> types) {
    boolean[] asText = new boolean[types.size()];
    if (types.contains(KeyType.UUID)) {
      Document first = collection.find().projection(Projections.include(paths)).limit(1).first();
      for (int i = 0; i < types.size(); i++) {
        if (types.get(i) == KeyType.UUID && first != null) {
          asText[i] = DocumentPaths.get(first, paths.get(i)) instanceof String;
        }
      }
    }
    return new TargetKeys(paths, types, asText);
  }

  public List<String> paths() {
    return paths;
  }

  public List<KeyType> types() {
    return types;
  }

  /** The BSON value of key part {@code i} of {@code key}, as the collection stores it. */
  Object bson(RecordKey key, int i) {
    Object part = key.parts().get(i);
    if (part instanceof UUID uuid) {
      if (uuidAsText[i]) {
        return uuid.toString();
      }
      ByteBuffer bytes = ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      return new Binary(BsonBinarySubType.UUID_STANDARD, bytes.array());
    }
    return part;
  }

  /** A UUID stored as text, or the text itself when it is not one (then rejected as a key). */
  private static Object uuidText(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /**
   * The key of {@code doc}, or null when its key fields cannot form a key of the declared types
   * (such a document cannot be placed in key order and is reported by the caller).
   */
  RecordKey keyOf(Document doc) {
    List<Object> values = new ArrayList<>(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      Object v = DocumentPaths.get(doc, paths.get(i));
      if (types.get(i) == KeyType.UUID && v instanceof String s) {
        v = uuidText(s);
      }
      values.add(v == DocumentPaths.ABSENT ? null : v);
    }
    return RecordKey.fromBson(types, values);
  }
}
