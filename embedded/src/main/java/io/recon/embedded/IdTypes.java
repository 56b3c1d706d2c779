package io.recon.embedded;

import de.bwaldvogel.mongo.backend.BsonType;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The brackets of {@code _id} a filter {@code {_id: {$not: {$type: types}}}} (the stray pass of
 * every cycle: keys of another type than declared) can never match: those whose every value is of a
 * type in {@code types}. MongoDB answers such a filter from the {@code _id} index's bounds outside
 * those types; only the keys of the other brackets are candidates here too. A bracket is covered
 * only when the stock server's {@code $type} matches every class it holds: numbers need int, long,
 * double and decimal; binData covers the three binary classes.
 */
final class IdTypes {
  private IdTypes() {}

  /** The covered brackets of {@code query}'s {@code _id} condition, or null if it has none. */
  static Set<Integer> covered(Document query) {
    if (!(query.get(OrderedIdIndex.ID) instanceof Document ops)
        || ops.size() != 1
        || !(ops.get("$not") instanceof Document not)
        || not.size() != 1
        || !not.containsKey("$type")) {
      return null;
    }
    EnumSet<BsonType> types = EnumSet.noneOf(BsonType.class);
    Object spec = not.get("$type");
    for (Object t : spec instanceof Collection<?> list ? list : List.of(spec)) {
      if ("number".equals(t)) {
        types.addAll(EnumSet.of(BsonType.INT, BsonType.LONG, BsonType.DOUBLE, BsonType.DECIMAL128));
      } else if (t instanceof String alias && known(alias)) {
        types.add(BsonType.forString(alias));
      } else {
        return null; // a type code or an unknown alias: the stock server's answer, or its error
      }
    }
    var covered = new HashSet<Integer>();
    if (types.containsAll(
        EnumSet.of(BsonType.INT, BsonType.LONG, BsonType.DOUBLE, BsonType.DECIMAL128))) {
      covered.add(OrderedIdIndex.bracketOf(Number.class));
    }
    if (types.contains(BsonType.STRING)) {
      covered.add(OrderedIdIndex.bracketOf(String.class));
    }
    if (types.contains(BsonType.BIN_DATA)) {
      covered.add(OrderedIdIndex.bracketOf(BinData.class));
      covered.add(OrderedIdIndex.bracketOf(LegacyUUID.class));
      covered.add(OrderedIdIndex.bracketOf(UUID.class));
    }
    if (types.contains(BsonType.OBJECT_ID)) {
      covered.add(OrderedIdIndex.bracketOf(ObjectId.class));
    }
    return covered;
  }

  /**
   * The brackets of {@code _id} that a filter {@code {_id: {$type: types}}}, and nothing else, can
   * match: those holding a value of a listed type; null for another filter, or a type this does not
   * place (the stock server's scan then answers it).
   */
  static Set<Integer> within(Document query) {
    if (query.size() != 1
        || !(query.get(OrderedIdIndex.ID) instanceof Document ops)
        || ops.size() != 1
        || !ops.containsKey("$type")) {
      return null;
    }
    Object spec = ops.get("$type");
    var brackets = new HashSet<Integer>();
    for (Object t : spec instanceof Collection<?> list ? list : List.of(spec)) {
      if (!(t instanceof String alias)) {
        return null;
      }
      switch (alias) {
        case "int", "long", "double", "decimal", "number" ->
            brackets.add(OrderedIdIndex.bracketOf(Number.class));
        case "string" -> brackets.add(OrderedIdIndex.bracketOf(String.class));
        case "objectId" -> brackets.add(OrderedIdIndex.bracketOf(ObjectId.class));
        case "binData" -> {
          brackets.add(OrderedIdIndex.bracketOf(BinData.class));
          brackets.add(OrderedIdIndex.bracketOf(LegacyUUID.class));
          brackets.add(OrderedIdIndex.bracketOf(UUID.class));
        }
        default -> {
          return null;
        }
      }
    }
    return brackets.isEmpty() ? null : brackets;
  }

  private static boolean known(String alias) {
    for (BsonType type : BsonType.values()) {
      if (type.getAlias().equals(alias)) {
        return true;
      }
    }
    return false;
  }
}
