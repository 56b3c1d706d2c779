package io.recon.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server's in-memory backend, with planner rules of real MongoDB added, each served by
 * the {@code _id} index. The stock server serves only a filter on {@code _id} alone by the index
 * and scans the collection for anything more (docs/performance.md).
 *
 * <ul>
 *   <li>A filter that holds an equality on {@code _id} next to other conditions ({@code {_id: 7,
 *       name: "a"}}, the filter of every conditional repair): only the document of that {@code _id}
 *       is matched against the whole filter.
 *   <li>A filter that bounds {@code _id} ({@code {_id: {$gte: lo, $lt: hi}}}, alone or beside other
 *       conditions, the filter of every range read): only the documents whose {@code _id} lies
 *       within the bounds, found in the index's key order ({@link OrderedIdIndex}), are matched,
 *       sorted, skipped, limited and projected, as the stock server does with all of them.
 *   <li>A filter {@code {_id: {$in: [...]}}} (alone or beside other conditions: every lookup by key
 *       of a feed's cycle, a recheck, a repair's re-read and its verification): one index lookup
 *       per value, in key order, and only the rest of the filter matched against them.
 *   <li>A filter {@code {_id: {$not: {$type: [...]}}}} (the stray pass of every cycle): only the
 *       documents whose {@code _id} lies in a type bracket the list does not cover ({@link
 *       IdTypes}).
 *   <li>No filter, sorted by {@code _id} alone, when every key is of one bracket: the keys in index
 *       order, no sort.
 *   <li>A filter {@code {_id: {$type: [...]}}} alone (the read of a range open at both ends: a
 *       cycle of one partition): only the documents whose {@code _id} lies in a bracket holding one
 *       of the types, in key order, the sort by {@code _id} skipped for one bracket.
 * </ul>
 *
 * <p>Results are unchanged: every candidate still passes the full filter, and no document can match
 * it without meeting the condition that chose the candidates. Where the stock server's comparison
 * is not the index's order (bounds of mixed brackets, fractional numbers, other bracket types), the
 * query falls back to its scan.
 */
final class IdIndexedMemoryBackend extends MemoryBackend {
  private static final String ID = "_id";

  /**
   * The stock server fails a {@code $changeStream} aggregation with an internal error (and logs its
   * stack trace); a standalone {@code mongod} refuses it with code 40573. This answers as the
   * standalone does, so that a feed on the embedded stack is told, in one line and without a stack
   * trace in the log, that the target has no change streams.
   */
  @Override
  public Document handleCommand(
      io.netty.channel.Channel channel, String databaseName, String command, Document query) {
    if ("aggregate".equalsIgnoreCase(command)
        && query.get("pipeline") instanceof java.util.List<?> pipeline
        && !pipeline.isEmpty()
        && pipeline.get(0) instanceof Document first
        && first.containsKey("$changeStream")) {
      // The reply a standalone mongod sends, returned rather than thrown: the server logs every
      // exception a command throws with its stack trace, and this refusal is expected.
      return new Document("ok", 0.0)
          .append("errmsg", "The $changeStream stage is only supported on replica sets")
          .append("code", 40573)
          .append("codeName", "Location40573");
    }
    return super.handleCommand(channel, databaseName, command, query);
  }

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new MemoryDatabase(databaseName, getCursorRegistry()) {
      @Override
      protected MemoryCollection openOrCreateCollection(
          String collectionName, CollectionOptions options) {
        return new IdIndexedCollection(this, collectionName, options, cursorRegistry);
      }

      @Override
      protected Index<Integer> openOrCreateUniqueIndex(
          String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return OrderedIdIndex.isIdAscending(keys)
            ? new OrderedIdIndex(indexName, keys, sparse)
            : super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
      }
    };
  }

  private static final class IdIndexedCollection extends MemoryCollection {
    IdIndexedCollection(
        MongoDatabase database,
        String name,
        CollectionOptions options,
        CursorRegistry cursorRegistry) {
      super(database, name, options, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      Object id = query.get(ID);
      List<Object> in = isNaturalDescending(orderBy) ? null : idIn(id);
      if (in != null) {
        return byIdIn(in, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
      }
      if (query.size() < 2 || !plainEquality(id)) {
        Candidates candidates = isNaturalDescending(orderBy) ? null : candidates(query, orderBy);
        if (candidates == null) {
          return super.queryDocuments(
              query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // Keys of one bracket come in the order the server's sort by _id would give them (the
        // index compares them as it does, and _id is unique), so that sort is skipped.
        Document order = byIdAlone(orderBy) && candidates.inIdOrder() ? null : orderBy;
        return matchDocuments(
            query, candidates.positions(), order, numberToSkip, limit, batchSize, fieldSelector);
      }
      // The documents of that _id, by the index (the stored documents themselves, as an update
      // needs them), then the whole filter, sort, skip, limit and projection over them alone.
      QueryResult byId = super.queryDocuments(new Document(ID, id), null, 0, 0, 0, null);
      return matchDocumentsFromStream(
          StreamSupport.stream(byId.spliterator(), false),
          query,
          orderBy,
          numberToSkip,
          limit,
          batchSize,
          fieldSelector);
    }

    /**
     * A filter {@code {_id: {$in: [v, ...]}}} (alone or beside other conditions: every lookup by
     * key of a feed's cycle, a recheck, a repair's re-read and its verification), served as MongoDB
     * serves it: one {@code _id} index lookup per value, then the whole filter, sort, skip, limit
     * and projection over the documents found alone.
     */
    private QueryResult byIdIn(
        List<Object> values,
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      // In key order, as an index scan returns them; each value looked up once, and a document
      // that equals several (5, 5L, 5.0: equal across numeric types) kept once.
      var keys = new TreeSet<Object>(ValueComparator.asc());
      keys.addAll(values);
      Set<Document> found = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      List<Document> candidates = new java.util.ArrayList<>();
      for (Object key : keys) {
        for (Document d : super.queryDocuments(new Document(ID, key), null, 0, 0, 0, null)) {
          if (found.add(d)) {
            candidates.add(d);
          }
        }
      }
      // Every candidate equals a value of the list: only the rest of the filter is matched (the
      // stock server matched each document against the whole list again, quadratic in it).
      Document rest = new Document(query);
      rest.remove(ID);
      return matchDocumentsFromStream(
          candidates.stream(), rest, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The values of {@code {$in: [...]}} on _id when each is a plain equality, or null. */
    private static List<Object> idIn(Object id) {
      if (!(id instanceof Document d)
          || d.size() != 1
          || !(d.get("$in") instanceof Collection<?> c)) {
        return null;
      }
      List<Object> values = new java.util.ArrayList<>(c.size());
      for (Object v : c) {
        if (!plainEquality(v)) {
          return null;
        }
        values.add(v);
      }
      return values;
    }

    /**
     * The positions of the only documents {@code query} can match, by the ordered {@code _id}
     * index, or null to scan. They come in the order a sort by {@code _id} asks for, so that the
     * sort after the match (kept, for any other order) finds them sorted and costs one pass.
     */
    private Candidates candidates(Document query, Document orderBy) {
      OrderedIdIndex index = orderedIndex();
      if (index == null) {
        return null;
      }
      boolean descending = descendingById(orderBy);
      IdRange range = IdRange.of(query);
      if (range != null) {
        return index.rangeable(range)
            ? new Candidates(index.positions(range, descending), true)
            : null;
      }
      if (query.isEmpty() && byIdAlone(orderBy)) {
        // No filter, sorted by _id (the bench's bare-driver read of the floor): MongoDB walks the
        // _id index. Served here only when every key is of one bracket the index orders as the
        // server sorts; anything else is left to the server's scan and sort.
        int bracket = index.onlyBracket();
        return bracket >= 0 && index.ordersExactly(bracket)
            ? new Candidates(index.positionsIn(b -> b == bracket, descending), true)
            : null;
      }
      Set<Integer> covered = IdTypes.covered(query);
      if (covered != null) {
        return new Candidates(index.positionsIn(b -> !covered.contains(b), descending), false);
      }
      // {_id: {$type: [...]}} alone: the read of a range with both ends open (a cycle of one
      // partition, and the bench's floor), which MongoDB answers from the index's bounds of
      // those types. One bracket comes in key order; the sort stays for several.
      Set<Integer> within = IdTypes.within(query);
      if (within != null) {
        boolean ordered = within.size() == 1 && index.ordersExactly(within.iterator().next());
        return new Candidates(index.positionsIn(within::contains, descending), ordered);
      }
      return null;
    }

    /**
     * The documents a filter can match, by position, and whether they come in the order of a sort
     * by {@code _id}.
     */
    private record Candidates(List<Integer> positions, boolean inIdOrder) {}

    private OrderedIdIndex orderedIndex() {
      for (Index<Integer> index : getIndexes()) {
        if (index instanceof OrderedIdIndex ordered) {
          return ordered;
        }
      }
      return null;
    }

    private static boolean byIdAlone(Document orderBy) {
      return orderBy != null
          && orderBy.size() == 1
          && orderBy.get(ID) instanceof Number n
          && Math.abs(n.intValue()) == 1;
    }

    private static boolean descendingById(Document orderBy) {
      return orderBy != null
          && !orderBy.isEmpty()
          && orderBy.keySet().iterator().next().equals(ID)
          && orderBy.get(ID) instanceof Number n
          && n.intValue() < 0;
    }

    // A value the filter compares _id to for equality: not an operator document, a regular
    // expression or an array (each of which matches otherwise than by equality).
    private static boolean plainEquality(Object id) {
      return id != null
          && !(id instanceof Document)
          && !(id instanceof Collection)
          && !(id instanceof Pattern)
          && !(id instanceof BsonRegularExpression)
          && !BsonRegularExpression.isRegularExpression(id);
    }
  }
}
