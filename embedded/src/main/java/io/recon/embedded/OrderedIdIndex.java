package io.recon.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The unique {@code _id} index of mongo-java-server's memory backend (a hash of each document's
 * normalized {@code _id} to its position), plus the same keys in BSON comparison order, as
 * MongoDB's {@code _id} B-tree keeps them, so that a bounded {@code _id} range is found without a
 * scan.
 *
 * <p>Keys are ordered by type bracket (MongoDB's order: MinKey, null, numbers, strings, documents,
 * arrays, binData, UUIDs, ObjectId, booleans, dates, timestamps, regular expressions, MaxKey), then
 * within the bracket by the value as the stock server compares it, then by position. The position
 * makes the order total however two values compare, so inserting and removing a key never depends
 * on the value comparison being consistent with equality. Within the brackets no range may use
 * ({@link #rangeable}), values are ordered by position alone. Both structures change together, in
 * the index's own {@code put}/{@code remove} hooks, which the collection calls under its lock for
 * every insert, update of {@code _id} and delete; the ordered set is a concurrent one, so a reader
 * never sees it torn.
 */
final class OrderedIdIndex extends MemoryUniqueIndex {
  static final String ID = "_id";

  private static final Object LOWEST = new Object();
  private static final Object HIGHEST = new Object();
  private static final List<Class<?>> BRACKETS =
      List.of(
          MinKey.class,
          Void.class, // null
          Number.class,
          String.class,
          Document.class,
          List.class,
          BinData.class,
          LegacyUUID.class,
          UUID.class,
          ObjectId.class,
          Boolean.class,
          Instant.class,
          BsonTimestamp.class,
          BsonRegularExpression.class,
          MaxKey.class);
  private static final int NUMBER = BRACKETS.indexOf(Number.class);
  private static final Comparator<Entry> ORDER =
      Comparator.comparingInt(Entry::bracket)
          .thenComparing(OrderedIdIndex::compareValues)
          .thenComparingInt(Entry::position);

  private final NavigableSet<Entry> ordered = new ConcurrentSkipListSet<>(ORDER);
  // Numeric keys the stock server compares otherwise than exactly (a fraction, NaN, an infinity):
  // while any is stored, a numeric range is left to the server's scan, so results never differ.
  private final AtomicInteger inexactNumbers = new AtomicInteger();

  OrderedIdIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
  }

  static boolean isIdAscending(List<IndexKey> keys) {
    return keys.size() == 1 && ID.equals(keys.get(0).getKey()) && keys.get(0).isAscending();
  }

  @Override
  protected boolean putKeyPosition(KeyValue keyValue, Integer position) {
    boolean added = super.putKeyPosition(keyValue, position);
    if (added) {
      Object key = keyValue.get(0);
      ordered.add(new Entry(bracket(key), key, position));
      if (inexactNumber(key)) {
        inexactNumbers.incrementAndGet();
      }
    }
    return added;
  }

  @Override
  protected Integer removeDocument(KeyValue keyValue) {
    Integer position = super.removeDocument(keyValue);
    if (position != null) {
      Object key = keyValue.get(0);
      ordered.remove(new Entry(bracket(key), key, position));
      if (inexactNumber(key)) {
        inexactNumbers.decrementAndGet();
      }
    }
    return position;
  }

  /**
   * Whether {@code range} can be answered from the order: bounds of one bracket whose values the
   * stock server compares exactly as this order does (whole numbers while no fractional key is
   * stored; strings; ObjectIds; binData; UUIDs). Anything else is left to the server's scan.
   */
  boolean rangeable(IdRange range) {
    int bracket = range.bracket();
    if (bracket < 0) {
      return false;
    }
    if (bracket == NUMBER) {
      return inexactNumbers.get() == 0
          && range.bounds().stream().allMatch(bound -> wholeNumber(bound.value()));
    }
    return exactlyOrdered(bracket);
  }

  /**
   * The positions of the keys within every bound of {@code range} (a {@link #rangeable} one), in
   * key order, descending if asked: every key the bounds admit, and none of another bracket.
   */
  List<Integer> positions(IdRange range, boolean descending) {
    int bracket = range.bracket();
    Entry from = new Entry(bracket, LOWEST, Integer.MIN_VALUE);
    Entry to = new Entry(bracket, HIGHEST, Integer.MAX_VALUE);
    for (IdRange.Bound bound : range.bounds()) {
      Object key = normalized(bound.value());
      if (bound.lower()) {
        // An exclusive lower bound sorts after every key equal to it, an inclusive one before.
        Entry e =
            new Entry(bracket, key, bound.inclusive() ? Integer.MIN_VALUE : Integer.MAX_VALUE);
        from = ORDER.compare(e, from) > 0 ? e : from;
      } else {
        Entry e =
            new Entry(bracket, key, bound.inclusive() ? Integer.MAX_VALUE : Integer.MIN_VALUE);
        to = ORDER.compare(e, to) < 0 ? e : to;
      }
    }
    if (ORDER.compare(from, to) > 0) {
      return List.of();
    }
    NavigableSet<Entry> within = ordered.subSet(from, true, to, true);
    var positions = new ArrayList<Integer>();
    for (Entry entry : descending ? within.descendingSet() : within) {
      positions.add(entry.position());
    }
    return positions;
  }

  /**
   * The positions of every key in the brackets {@code brackets} accepts, in key order (descending
   * if asked): for a filter of {@code _id: {$not: {$type: [...]}}}, the brackets outside those
   * whose every type the list names; for {@code _id: {$type: [...]}}, those holding a type it names
   * ({@link IdTypes}).
   */
  List<Integer> positionsIn(java.util.function.IntPredicate brackets, boolean descending) {
    var positions = new ArrayList<Integer>();
    for (int i = 0; i <= BRACKETS.size(); i++) {
      int bracket = descending ? BRACKETS.size() - i : i;
      if (!brackets.test(bracket)) {
        continue;
      }
      NavigableSet<Entry> within =
          ordered.subSet(
              new Entry(bracket, LOWEST, Integer.MIN_VALUE),
              true,
              new Entry(bracket, HIGHEST, Integer.MAX_VALUE),
              true);
      for (Entry entry : descending ? within.descendingSet() : within) {
        positions.add(entry.position());
      }
    }
    return positions;
  }

  /**
   * Whether the keys of {@code bracket} come in the order the stock server's sort by {@code _id}
   * gives them: whole numbers while no other number is stored, and the brackets {@link #rangeable}
   * ranges over.
   */
  boolean ordersExactly(int bracket) {
    return bracket == NUMBER ? inexactNumbers.get() == 0 : exactlyOrdered(bracket);
  }

  /** The bracket of every key, when all are of one; -1 when they are of several, or none. */
  int onlyBracket() {
    if (ordered.isEmpty()) {
      return -1;
    }
    try {
      int first = ordered.first().bracket();
      return ordered.last().bracket() == first ? first : -1;
    } catch (java.util.NoSuchElementException emptiedMeanwhile) {
      return -1;
    }
  }

  /** The bracket of the keys of class {@code type}. */
  static int bracketOf(Class<?> type) {
    return BRACKETS.indexOf(type);
  }

  /** The bracket of a bound or key, as {@link #BRACKETS} orders them. */
  static int bracket(Object value) {
    if (value == null) {
      return BRACKETS.indexOf(Void.class);
    }
    if (value instanceof Collection) {
      return BRACKETS.indexOf(List.class);
    }
    for (int i = 0; i < BRACKETS.size(); i++) {
      if (BRACKETS.get(i).isInstance(value)) {
        return i;
      }
    }
    return BRACKETS.size();
  }

  /** The bound as the index stores keys (numbers as the unique index normalizes them). */
  static Object normalized(Object value) {
    return new KeyValue(value).normalized().get(0);
  }

  /** Whether a bound can delimit a numeric range the stock server compares exactly. */
  static boolean wholeNumber(Object value) {
    if (!(value instanceof Number number)) {
      return false;
    }
    double d = number.doubleValue();
    return !Double.isNaN(d) && !Double.isInfinite(d) && (number.longValue() == d);
  }

  private static boolean inexactNumber(Object key) {
    return key instanceof Number && !wholeNumber(key);
  }

  private static int compareValues(Entry a, Entry b) {
    Object x = a.key();
    Object y = b.key();
    if (x == y) {
      return 0;
    }
    if (x == LOWEST || y == HIGHEST) {
      return -1;
    }
    if (x == HIGHEST || y == LOWEST) {
      return 1;
    }
    if (a.bracket() == NUMBER) {
      return compareNumbers((Number) x, (Number) y);
    }
    return exactlyOrdered(a.bracket()) ? ValueComparator.asc().compare(x, y) : 0;
  }

  // The brackets of one class each, which the stock server orders by a total comparison.
  private static boolean exactlyOrdered(int bracket) {
    if (bracket >= BRACKETS.size()) {
      return false;
    }
    Class<?> type = BRACKETS.get(bracket);
    return type == String.class
        || type == ObjectId.class
        || type == BinData.class
        || type == UUID.class
        || type == LegacyUUID.class;
  }

  // Exact, total and transitive: keys are normalized to a Double, or to a Long no double holds.
  private static int compareNumbers(Number x, Number y) {
    if (x instanceof Double dx && y instanceof Double dy) {
      return Double.compare(dx, dy);
    }
    if (x instanceof Long lx && y instanceof Long ly) {
      return Long.compare(lx, ly);
    }
    double dx = x.doubleValue();
    double dy = y.doubleValue();
    if (Double.isNaN(dx) || Double.isNaN(dy) || Double.isInfinite(dx) || Double.isInfinite(dy)) {
      return Double.compare(dx, dy);
    }
    return exact(x).compareTo(exact(y));
  }

  private static BigDecimal exact(Number n) {
    return n instanceof Long || n instanceof Integer
        ? BigDecimal.valueOf(n.longValue())
        : new BigDecimal(n.doubleValue());
  }

  private record Entry(int bracket, Object key, int position) {}
}
