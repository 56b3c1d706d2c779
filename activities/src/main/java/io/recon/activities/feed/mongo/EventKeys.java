package io.recon.activities.feed.mongo;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.recon.core.canonical.DocumentPaths;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * The job key of a change event, read as {@code TargetKeys} reads a document's: each path of {@code
 * target.key} from the event's {@code documentKey} (which holds {@code _id} and, on a sharded
 * collection, the shard key), else from its {@code fullDocument} (an insert's or replace's
 * document, an update's looked-up one). A delete of a document whose key lies outside both has no
 * key to give; it counts as undecodable, and the scheduled full cycle finds the document missing.
 */
final class EventKeys {
  private final List<String> paths;
  private final List<KeyType> types;
  private final Codec<Document> codec;

  /**
   * @param types the key parts' types from the source probe, or null to take each part's type from
   *     its BSON value (numbers as integers, strings as text, Binary subtype 4 as a UUID)
   */
  EventKeys(List<String> paths, List<KeyType> types, Codec<Document> codec) {
    if (types != null && types.size() != paths.size()) {
      throw new IllegalArgumentException(
          "target.key has " + paths.size() + " paths but " + types.size() + " key types");
    }
    this.paths = List.copyOf(paths);
    this.types = types == null ? null : List.copyOf(types);
    this.codec = codec;
  }

  /** Whether every key path lies inside {@code _id}, so a documentKey alone always has the key. */
  boolean insideId() {
    return paths.stream().allMatch(p -> p.equals("_id") || p.startsWith("_id."));
  }

  List<String> paths() {
    return paths;
  }

  /**
   * The key of {@code event}.
   *
   * @throws InvalidKeyException naming the part that is absent, NULL or not of its type
   */
  RecordKey of(ChangeStreamDocument<Document> event) {
    BsonDocument documentKey = event.getDocumentKey();
    if (documentKey == null) {
      throw new InvalidKeyException("the event has no documentKey");
    }
    Document fromKey = codec.decode(new BsonDocumentReader(documentKey), decoder());
    Document full = event.getFullDocument();
    var values = new ArrayList<Object>(paths.size());
    var partTypes = new ArrayList<KeyType>(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      Object v = DocumentPaths.get(fromKey, paths.get(i));
      if (v == DocumentPaths.ABSENT && full != null) {
        v = DocumentPaths.get(full, paths.get(i));
      }
      if (v == DocumentPaths.ABSENT) {
        throw new InvalidKeyException(
            "key path '" + paths.get(i) + "' is in neither the documentKey nor the full document");
      }
      KeyType type = types != null ? types.get(i) : typeOf(v);
      if (type == KeyType.UUID && v instanceof String s) {
        try {
          v = UUID.fromString(s);
        } catch (IllegalArgumentException e) {
          // Left as text: fromBson names it as an invalid UUID part.
        }
      }
      values.add(v);
      partTypes.add(type);
    }
    return RecordKey.fromBson(partTypes, values);
  }

  /** The type a part of unknown type has from its value; what cannot be a key is text (invalid). */
  private static KeyType typeOf(Object v) {
    if (v instanceof Integer
        || v instanceof Long
        || v instanceof Double
        || v instanceof Decimal128) {
      return KeyType.INTEGER;
    }
    if (v instanceof UUID
        || v instanceof Binary b && b.getType() == BsonBinarySubType.UUID_STANDARD.getValue()) {
      return KeyType.UUID;
    }
    return KeyType.TEXT;
  }

  private static DecoderContext decoder() {
    return DecoderContext.builder().build();
  }
}
