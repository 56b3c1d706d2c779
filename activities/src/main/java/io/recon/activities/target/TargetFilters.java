package io.recon.activities.target;

import com.mongodb.client.model.Filters;
import io.recon.core.compare.RecordKey;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * Key filters in MongoDB's query language. A composite key compares as a tuple: {@code (a, b) >=
 * (x, y)} is {@code a > x or (a = x and b >= y)}, which is the order the collection's sort on the
 * same fields gives.
 */
final class TargetFilters {
  private TargetFilters() {}

  /** Documents whose key lies in {@code [lo, hi)}; a null bound is open. */
  static Bson range(TargetKeys keys, RecordKey lo, RecordKey hi) {
    List<Bson> parts = new ArrayList<>(2);
    if (lo != null) {
      parts.add(tuple(keys, lo, 0, true));
    }
    if (hi != null) {
      parts.add(tuple(keys, hi, 0, false));
    }
    return parts.isEmpty()
        ? new org.bson.Document()
        : parts.size() == 1 ? parts.get(0) : Filters.and(parts);
  }

  /** Documents with exactly these keys. */
  static Bson in(TargetKeys keys, List<RecordKey> values) {
    if (keys.paths().size() == 1) {
      List<Object> bson = new ArrayList<>(values.size());
      values.forEach(k -> bson.add(keys.bson(k, 0)));
      return Filters.in(keys.paths().get(0), bson);
    }
    List<Bson> any = new ArrayList<>(values.size());
    for (RecordKey k : values) {
      List<Bson> all = new ArrayList<>(keys.paths().size());
      for (int i = 0; i < keys.paths().size(); i++) {
        all.add(Filters.eq(keys.paths().get(i), keys.bson(k, i)));
      }
      any.add(Filters.and(all));
    }
    return Filters.or(any);
  }

  /**
   * From part {@code i} on, the document's tuple is at least the bound's ({@code lower}: {@code
   * >=}) or below it ({@code !lower}: {@code <}). MongoDB has no top-level {@code $not}, so the
   * upper bound is spelled out rather than negated.
   */
  private static Bson tuple(TargetKeys keys, RecordKey bound, int i, boolean lower) {
    String path = keys.paths().get(i);
    Object value = keys.bson(bound, i);
    if (i == keys.paths().size() - 1) {
      return lower ? Filters.gte(path, value) : Filters.lt(path, value);
    }
    return Filters.or(
        lower ? Filters.gt(path, value) : Filters.lt(path, value),
        Filters.and(Filters.eq(path, value), tuple(keys, bound, i + 1, lower)));
  }
}
