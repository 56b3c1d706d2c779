package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.recon.embedded.testing.SharedEngines;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded server serves a filter with an {@code _id} equality by its index; what each filter
 * matches must stay what MongoDB matches, above all for the conditional writes of repair, whose
 * guard is the rest of the filter.
 */
class IdIndexedFiltersIT {
  private MongoClient client;
  private MongoCollection<Document> docs;

  @BeforeEach
  void seed() {
    client = MongoClients.create(SharedEngines.mongo().uri());
    docs = client.getDatabase(SharedEngines.newMongoDatabaseName()).getCollection("docs");
    var batch = new ArrayList<Document>();
    for (long i = 1; i <= 50; i++) {
      batch.add(
          new Document("_id", i).append("name", "n" + i).append("nested", new Document("a", i)));
    }
    batch.add(new Document("_id", "s1").append("name", "text key"));
    docs.insertMany(batch);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aConditionalUpdateWritesOnlyWhileTheComparedValueHolds() {
    var guarded = Filters.and(Filters.eq("_id", 7L), Filters.eq("name", "n7"));
    docs.updateOne(Filters.eq("_id", 7L), Updates.set("name", "concurrent"));
    assertEquals(0, docs.updateOne(guarded, Updates.set("name", "repair")).getMatchedCount());
    assertEquals("concurrent", docs.find(Filters.eq("_id", 7L)).first().getString("name"));
    var current = Filters.and(Filters.eq("_id", 7L), Filters.eq("name", "concurrent"));
    assertEquals(1, docs.updateOne(current, Updates.set("name", "repair")).getModifiedCount());
    assertEquals("repair", docs.find(Filters.eq("_id", 7L)).first().getString("name"));
  }

  @Test
  void anUnorderedBulkOfGuardedWritesAppliesExactlyThoseWhoseGuardHolds() {
    docs.updateOne(Filters.eq("_id", 3L), Updates.set("name", "moved"));
    var models =
        List.of(
            new UpdateOneModel<Document>(
                new Document("_id", 2L).append("name", "n2"), Updates.set("name", "r2")),
            new UpdateOneModel<Document>(
                new Document("_id", 3L).append("name", "n3"), Updates.set("name", "r3")),
            new UpdateOneModel<Document>(
                new Document("_id", 4L).append("nested.a", 4L), Updates.set("name", "r4")),
            new DeleteOneModel<Document>(new Document("_id", 5L).append("name", "not n5")),
            new DeleteOneModel<Document>(new Document("_id", 6L).append("name", "n6")));
    var result = docs.bulkWrite(models, new BulkWriteOptions().ordered(false));
    assertEquals(2, result.getMatchedCount());
    assertEquals(1, result.getDeletedCount());
    assertEquals("r2", docs.find(Filters.eq("_id", 2L)).first().getString("name"));
    assertEquals("moved", docs.find(Filters.eq("_id", 3L)).first().getString("name"));
    assertEquals("r4", docs.find(Filters.eq("_id", 4L)).first().getString("name"));
    assertEquals("n5", docs.find(Filters.eq("_id", 5L)).first().getString("name"));
    assertNull(docs.find(Filters.eq("_id", 6L)).first());
  }

  @Test
  void equalityMatchesAcrossNumericTypesAndNeverAcrossOthers() {
    assertEquals(
        "n9",
        docs.find(Filters.and(Filters.eq("_id", 9.0), Filters.exists("name")))
            .first()
            .getString("name"));
    assertEquals(
        1, docs.countDocuments(Filters.and(Filters.eq("_id", 9), Filters.eq("nested.a", 9L))));
    assertEquals(
        0, docs.countDocuments(Filters.and(Filters.eq("_id", "9"), Filters.exists("name"))));
    assertEquals(
        1,
        docs.countDocuments(Filters.and(Filters.eq("_id", "s1"), Filters.eq("name", "text key"))));
    assertEquals(
        0, docs.countDocuments(Filters.and(Filters.eq("_id", 99L), Filters.exists("name"))));
  }

  @Test
  void anInOnIdMatchesWhatMongoDbMatchesAcrossNumericTypesWithTheRestOfTheFilter() {
    docs.insertOne(new Document("_id", new Document("k", 1)).append("name", "doc key"));
    var byKeys =
        docs.find(Filters.in("_id", 3L, 3, 3.0, 9, 99L, "s1", "nope"))
            .sort(Sorts.descending("_id"))
            .into(new ArrayList<>());
    assertEquals(
        List.of("s1", 9L, 3L),
        byKeys.stream().map(d -> d.get("_id")).toList(),
        "strings sort above numbers; each document once; absent keys find nothing");
    var guarded =
        docs.find(Filters.and(Filters.in("_id", 4L, 5L, 6L), Filters.ne("name", "n5")))
            .projection(Projections.include("name"))
            .sort(Sorts.ascending("_id"))
            .into(new ArrayList<>());
    assertEquals(List.of("n4", "n6"), guarded.stream().map(d -> d.getString("name")).toList());
    assertEquals(1, docs.countDocuments(Filters.in("_id", new Document("k", 1))));
    assertEquals(0, docs.countDocuments(Filters.in("_id", List.of())));
    assertEquals(
        2,
        docs.find(Filters.in("_id", 1L, 2L, 3L)).skip(1).limit(2).into(new ArrayList<>()).size());
    assertEquals(
        3, docs.deleteMany(Filters.in("_id", 10L, 11, 12.0)).getDeletedCount(), "writes too");
    assertEquals(0, docs.countDocuments(Filters.in("_id", 10L, 11L, 12L)));
  }

  @Test
  void anInOnIdAloneFindsEachKeyOnceAcrossNumericTypesAndNoOtherType() {
    var found =
        docs.find(Filters.in("_id", 3L, 1, 2.0, 3, 99L, "7", "s1"))
            .projection(Projections.include("_id"))
            .into(new ArrayList<>());
    // 3L and 3 are one key; "7" is a string, not the number 7; 99 holds nothing.
    assertEquals(
        List.of("1", "2", "3", "s1"),
        found.stream().map(d -> String.valueOf(d.get("_id"))).sorted().toList());
    assertEquals(0, docs.countDocuments(Filters.in("_id", List.of())));
    var page =
        docs.find(Filters.in("_id", 5L, 4L, 6L, 8L))
            .sort(Sorts.descending("_id"))
            .skip(1)
            .limit(2)
            .into(new ArrayList<>());
    assertEquals(List.of(6L, 5L), page.stream().map(d -> d.getLong("_id")).toList());
    assertEquals("n4", docs.find(Filters.in("_id", 4)).first().getString("name"));
  }

  @Test
  void operatorsOnIdStillMatchAsBefore() {
    var in =
        docs.find(Filters.and(Filters.in("_id", 1L, 2L, 3L), Filters.ne("name", "n2")))
            .sort(Sorts.ascending("_id"))
            .projection(Projections.include("_id"))
            .into(new ArrayList<>());
    assertEquals(List.of(1L, 3L), in.stream().map(d -> d.getLong("_id")).toList());
    assertEquals(
        10,
        docs.countDocuments(
            Filters.and(Filters.gte("_id", 11L), Filters.lt("_id", 21L), Filters.exists("name"))));
    assertEquals(
        1, docs.countDocuments(Filters.and(Filters.regex("_id", "^s"), Filters.exists("name"))));
  }
}
