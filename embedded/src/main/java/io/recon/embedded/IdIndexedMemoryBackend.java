package io.recon.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server's in-memory backend, with one planner rule of real MongoDB added: a filter that
 * holds an equality on {@code _id} next to other conditions ({@code {_id: 7, name: "a"}}, the
 * filter of every conditional repair) is served by the {@code _id} index, and only the document it
 * finds is matched against the whole filter. The stock server serves only a filter on {@code _id}
 * alone by the index and scans the collection for anything more, so each conditional write cost a
 * full scan (docs/performance.md). Results are unchanged: every candidate still passes the full
 * filter, and no document can match it without holding that {@code _id}. A filter that is only
 * {@code {_id: {$in: [...]}}} (repair's and verification's reads of a batch) is answered by one
 * index lookup per value, where the stock server matched each found document against the whole list
 * again, a cost quadratic in the batch.
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
      throw new de.bwaldvogel.mongo.exception.MongoServerError(
          40573, "Location40573", "The $changeStream stage is only supported on replica sets");
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
      Collection<?> in = plainIn(query);
      if (in != null) {
        // {_id: {$in: [...]}} alone: the stock server finds the documents by the index and then
        // matches each one against every value of the list again, which is quadratic in the
        // list (a million comparisons for a batch of a thousand keys). Each value is looked up
        // by the index instead, which finds exactly the documents that equal it, numeric types
        // across types as MongoDB's equality says; each document comes back once, in key order.
        var keys = new TreeSet<Object>(ValueComparator.asc());
        keys.addAll(in);
        Set<Document> found = Collections.newSetFromMap(new IdentityHashMap<>());
        var documents = new ArrayList<Document>();
        for (Object key : keys) {
          for (Document d : super.queryDocuments(new Document(ID, key), null, 0, 0, 0, null)) {
            if (found.add(d)) {
              documents.add(d);
            }
          }
        }
        return matchDocumentsFromStream(
            documents.stream(),
            new Document(),
            orderBy,
            numberToSkip,
            limit,
            batchSize,
            fieldSelector);
      }
      if (query.size() < 2 || !plainEquality(id)) {
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
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

    // The values of a filter that is {_id: {$in: [...]}} and nothing else, each a plain value;
    // null for any other filter.
    private static Collection<?> plainIn(Document query) {
      if (query.size() != 1
          || !(query.get(ID) instanceof Document ops)
          || ops.size() != 1
          || !(ops.get("$in") instanceof Collection<?> values)) {
        return null;
      }
      return values.stream().allMatch(IdIndexedCollection::plainEquality) ? values : null;
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
