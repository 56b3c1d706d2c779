package io.recon.activities.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.compare.KeyType;
import io.recon.core.spec.Severity;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class StrayKeysTest {
  // No UUID part, so probing reads nothing from the (absent) collection.
  private final TargetKeys keys =
      TargetKeys.probe(null, List.of("r", "n"), List.of(KeyType.TEXT, KeyType.INTEGER));
  private final List<Discrepancy> out = new ArrayList<>();
  private final StrayKeys strays = new StrayKeys(keys, Severity.MEDIUM, out::add);

  @Test
  void consecutiveDocumentsOfOneRawKeyAreOneDiscrepancyWithTheirCount() {
    strays.accept(new Document("_id", 1).append("r", "eu"));
    strays.accept(new Document("_id", 2).append("r", "eu").append("n", null));
    strays.accept(new Document("_id", 3).append("r", "eu").append("n", "7"));
    strays.accept(new Document("_id", 4).append("r", "eu").append("n", "7"));
    strays.flush();
    assertEquals(2, out.size(), out.toString());
    assertEquals(DiscrepancyKind.INVALID_KEY, out.get(0).kind());
    assertTrue(
        out.get(0).detail().startsWith("INVALID_KEY: 2 target documents have key n absent (_id 1)"),
        out.get(0).detail());
    assertEquals(DiscrepancyKind.ORPHAN, out.get(1).kind());
    assertEquals(Severity.MEDIUM, out.get(1).severity());
    assertEquals(
        Discrepancy.FOREIGN_TYPE + "n is a string \"7\" where the key is INTEGER (2 documents)",
        out.get(1).detail());
    long[] taken = strays.take();
    assertEquals(1, taken[0]);
    assertEquals(1, taken[1]);
    assertEquals(4, taken[2]);
    assertEquals(0, strays.take()[2]);
  }

  @Test
  void theDetailNamesEveryForeignPartWithItsType() {
    var id = new ObjectId("64b7f0c2a1b2c3d4e5f60718");
    strays.accept(new Document("_id", 1).append("r", id).append("n", 1.5));
    strays.flush();
    assertEquals(
        Discrepancy.FOREIGN_TYPE
            + "r is an objectId {\"$oid\": \"64b7f0c2a1b2c3d4e5f60718\"} where the key is TEXT;"
            + " n is the double 1.5, no valid INTEGER key part",
        out.get(0).detail());
  }

  @Test
  void aLongKeyValueIsCutButTwoOfThemStayApart() {
    String a = "x".repeat(500) + "a";
    String b = "x".repeat(500) + "b";
    assertTrue(StrayKeys.json(a).length() < 160, StrayKeys.json(a));
    assertNotEquals(StrayKeys.json(a), StrayKeys.json(b));
    assertEquals("\"short\"", StrayKeys.json("short"));
  }
}
