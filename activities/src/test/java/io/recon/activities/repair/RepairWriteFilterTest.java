package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

class RepairWriteFilterTest {
  private static String json(Bson b) {
    return b.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry())
        .toJson();
  }

  @Test
  void distinctFieldsMergeIntoOneFlatFilter() {
    Bson f =
        RepairWrite.flatAnd(
            List.of(Filters.eq("_id", 7), Filters.eq("a.b", "x"), Filters.exists("c", false)));
    assertEquals("{\"_id\": 7, \"a.b\": \"x\", \"c\": {\"$exists\": false}}", json(f));
  }

  @Test
  void aFieldNamedTwiceKeepsTheExplicitAnd() {
    Bson f = RepairWrite.flatAnd(List.of(Filters.eq("a", 1), Filters.gt("a", 0)));
    assertEquals("{\"$and\": [{\"a\": 1}, {\"a\": {\"$gt\": 0}}]}", json(f));
  }
}
