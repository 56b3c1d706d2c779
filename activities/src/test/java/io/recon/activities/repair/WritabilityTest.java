package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import java.math.BigDecimal;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class WritabilityTest {
  @Test
  void anInsertOver16MbIsRefusedAndOneJustUnderIsNot() {
    var big = new Document("_id", 1).append("t", "x".repeat(Writability.MAX_BSON_BYTES));
    assertEquals(Writability.TOO_LARGE, Writability.refused(insert(big), null));
    var fits = new Document("_id", 1).append("t", "x".repeat(Writability.MAX_BSON_BYTES - 100));
    assertNull(Writability.refused(insert(fits), null));
  }

  @Test
  void anUpdateIsMeasuredOnTheDocumentItProducesAndLeavesTheReadDocumentAlone() {
    var current =
        new Document("_id", 1)
            .append("keep", "y".repeat(9 * 1024 * 1024))
            .append("a", new Document("b", "old"));
    var update = new Document("$set", new Document("a.b", "z".repeat(9 * 1024 * 1024)));
    var write =
        new RepairWrite(RepairAction.UPDATE, new UpdateOneModel<>(new Document(), update), update);
    assertEquals(Writability.TOO_LARGE, Writability.refused(write, current));
    assertEquals("old", current.get("a", Document.class).getString("b"));
    var unset = new Document("$unset", new Document("keep", ""));
    assertEquals(
        new Document("_id", 1).append("a", new Document("b", "old")),
        Writability.updated(current, unset));
  }

  @Test
  void nestingIsCountedWithoutRecursionAndRefusedBeyond100Levels() {
    Document doc = new Document("leaf", 1);
    for (int i = 1; i < 100; i++) {
      doc = new Document("a", doc);
    }
    assertEquals(100, Writability.depth(doc));
    assertNull(Writability.refused(insert(doc), null));
    Object deeper = doc;
    for (int i = 0; i < 5000; i++) {
      deeper = java.util.List.of(deeper);
    }
    assertEquals(
        Writability.TOO_DEEP, Writability.refused(insert(new Document("x", deeper)), null));
  }

  @Test
  void aDecimalWiderThanDecimal128IsAnIllegalArgumentNotAnAssertionError() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BsonValues.decimal128(new BigDecimal("1e7000").setScale(2)));
    assertTrue(e.getMessage().contains("does not fit Decimal128"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> BsonValues.decimal128(new BigDecimal("1234567890123456789012345678901234567.5")));
    assertEquals(
        Decimal128.parse("1E+400"), BsonValues.decimal128(new BigDecimal("1e400").setScale(2)));
    assertEquals(Decimal128.parse("1.50"), BsonValues.decimal128(new BigDecimal("1.50")));
  }

  private static RepairWrite insert(Document doc) {
    return new RepairWrite(RepairAction.INSERT, new InsertOneModel<>(doc), doc);
  }
}
