package io.recon.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds a filter sets on {@code _id} by {@code $gt}, {@code $gte}, {@code $lt} and {@code
 * $lte}, at its top level or in a top-level {@code $and} (nested {@code $and}s included): each is a
 * condition every matching document meets, whatever else the filter holds, so the keys within all
 * of them are a superset of the matches. Conditions under {@code $or}, {@code $nor} or {@code $not}
 * bound nothing and are ignored; they are matched per document like the rest of the filter.
 *
 * @param bounds every bound found, in filter order
 * @param bracket the type bracket all bounds share ({@link OrderedIdIndex#bracket}), or -1 if they
 *     do not share one (the stock server then matches no document; its scan says so)
 */
record IdRange(List<Bound> bounds, int bracket) {
  record Bound(Object value, boolean lower, boolean inclusive) {}

  /** The range of {@code query}, or null if it bounds {@code _id} nowhere. */
  static IdRange of(Document query) {
    var bounds = new ArrayList<Bound>();
    collect(query, bounds);
    if (bounds.isEmpty()) {
      return null;
    }
    int bracket = OrderedIdIndex.bracket(bounds.get(0).value());
    for (Bound bound : bounds) {
      if (OrderedIdIndex.bracket(bound.value()) != bracket) {
        bracket = -1;
      }
    }
    return new IdRange(List.copyOf(bounds), bracket);
  }

  private static void collect(Document query, List<Bound> bounds) {
    for (var entry : query.entrySet()) {
      if (entry.getKey().equals(OrderedIdIndex.ID) && entry.getValue() instanceof Document ops) {
        if (!ops.keySet().stream().allMatch(k -> k.startsWith("$"))) {
          continue; // a document compared for equality, not an operator expression
        }
        for (var op : ops.entrySet()) {
          Bound bound =
              switch (op.getKey()) {
                case "$gt" -> new Bound(op.getValue(), true, false);
                case "$gte" -> new Bound(op.getValue(), true, true);
                case "$lt" -> new Bound(op.getValue(), false, false);
                case "$lte" -> new Bound(op.getValue(), false, true);
                default -> null;
              };
          if (bound != null) {
            bounds.add(bound);
          }
        }
      } else if (entry.getKey().equals("$and") && entry.getValue() instanceof List<?> parts) {
        for (Object part : parts) {
          if (part instanceof Document clause) {
            collect(clause, bounds);
          }
        }
      }
    }
  }
}
