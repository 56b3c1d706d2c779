package io.recon.activities.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.recon.core.compare.RecordKey;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The filters and sort of key lookups and half-open key ranges, for any number of key parts. */
public final class TargetFilters {
  private TargetFilters() {}

  /** Exactly the document of {@code key}. */
  public static Bson eq(TargetKeys keys, RecordKey key) {
    var parts = new ArrayList<Bson>();
    for (int i = 0; i < keys.paths().size(); i++) {
      parts.add(Filters.eq(keys.paths().get(i), keys.bson(key, i)));
    }
    return parts.size() == 1 ? parts.get(0) : Filters.and(parts);
  }

  /** The documents of {@code list}. */
  public static Bson in(TargetKeys keys, List<RecordKey> list) {
    if (keys.paths().size() == 1) {
      return Filters.in(keys.paths().get(0), list.stream().map(k -> keys.bson(k, 0)).toList());
    }
    return Filters.or(list.stream().map(k -> eq(keys, k)).toList());
  }

  /** {@code lo <= key < hi}, tuple-wise, every part of its declared type; a null bound is open. */
  public static Bson range(TargetKeys keys, RecordKey lo, RecordKey hi) {
    if (keys.paths().size() == 1 && lo != null && hi != null && bracketIsDeclared(keys)) {
      // Both bounds of one part: MongoDB's type bracketing already keeps the match to the bounds'
      // bracket, which here is exactly the declared types, so the $type clause adds nothing. One
      // field with two operators is also the cheapest filter to match per document, which the
      // embedded server does for every document of the collection on every range read.
      String path = keys.paths().get(0);
      return new Document(
          path, new Document("$gte", keys.bson(lo, 0)).append("$lt", keys.bson(hi, 0)));
    }
    var parts = new ArrayList<Bson>();
    parts.add(typed(keys));
    if (lo != null) {
      parts.add(bound(keys, lo, true));
    }
    if (hi != null) {
      parts.add(bound(keys, hi, false));
    }
    return parts.size() == 1 ? parts.get(0) : Filters.and(parts);
  }

  /**
   * Whether the comparison bracket of the single key part's bounds holds exactly its declared BSON
   * types: every numeric type for an integer, every binData for a UUID stored as Binary. Text is
   * not: its bracket also holds the deprecated symbol type, which $type "string" keeps out of the
   * range reads (and in the stray pass).
   */
  private static boolean bracketIsDeclared(TargetKeys keys) {
    return switch (keys.type(0)) {
      case INTEGER -> true;
      case UUID -> keys.bsonTypes(0).equals(List.of("binData"));
      default -> false;
    };
  }

  /**
   * Every key part of a declared type. A range bound already keeps to its type (MongoDB's type
   * bracketing: {@code $lt: 5} never matches "1"), but an open bound or a later part of a composite
   * key does not, so every range read adds this.
   */
  public static Bson typed(TargetKeys keys) {
    var parts = new ArrayList<Bson>();
    for (int i = 0; i < keys.paths().size(); i++) {
      parts.add(new Document(keys.paths().get(i), new Document("$type", keys.bsonTypes(i))));
    }
    return parts.size() == 1 ? parts.get(0) : Filters.and(parts);
  }

  /**
   * The documents no range read returns: a key part absent, NULL or of another type than declared
   * ({@code $not} of {@code $type} matches absent fields too).
   */
  public static Bson foreign(TargetKeys keys) {
    var parts = new ArrayList<Bson>();
    for (int i = 0; i < keys.paths().size(); i++) {
      parts.add(
          new Document(
              keys.paths().get(i), new Document("$not", new Document("$type", keys.bsonTypes(i)))));
    }
    return parts.size() == 1 ? parts.get(0) : Filters.or(parts);
  }

  /** Ascending by every key part. */
  public static Bson sort(TargetKeys keys) {
    return Sorts.ascending(keys.paths());
  }

  // (k1, k2) >= (a1, a2) is k1 > a1 or (k1 = a1 and k2 >= a2); "<" is the mirror image.
  private static Bson bound(TargetKeys keys, RecordKey key, boolean lower) {
    int n = keys.paths().size();
    Bson result = null;
    for (int i = n - 1; i >= 0; i--) {
      String path = keys.paths().get(i);
      Object v = keys.bson(key, i);
      Bson last = i == n - 1 ? (lower ? Filters.gte(path, v) : Filters.lt(path, v)) : null;
      if (last != null) {
        result = last;
      } else {
        Bson strict = lower ? Filters.gt(path, v) : Filters.lt(path, v);
        result = Filters.or(strict, Filters.and(Filters.eq(path, v), result));
      }
    }
    return result;
  }
}
