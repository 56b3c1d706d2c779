package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingItemsTest {
  private static PendingItem item(int id, int diffs) {
    List<String> paths = new ArrayList<>();
    List<PendingItem.Diff> d = new ArrayList<>();
    for (int i = 0; i < diffs; i++) {
      paths.add("field" + i);
      d.add(new PendingItem.Diff("field" + i, "s".repeat(80), "t".repeat(80)));
    }
    return new PendingItem(String.valueOf(id), Map.of("id", id), "MISMATCH", "HIGH", paths, d);
  }

  @Test
  void listsTheFirstHundredAndCountsThemAll() {
    List<PendingItem> many = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      many.add(item(i, 0));
    }
    PendingItems p = PendingItems.bounded(150, many);
    assertEquals(150, p.total());
    assertEquals(100, p.items().size());
    assertEquals("1", p.items().get(0).id());
    assertEquals("100", p.items().get(99).id());
  }

  @Test
  void stopsBeforeItsTextPassesTheBudget() {
    List<PendingItem> wide = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      wide.add(item(i, 10)); // about 2,300 characters each
    }
    PendingItems p = PendingItems.bounded(100, wide);
    assertEquals(100, p.total());
    assertTrue(p.items().size() < 20 && p.items().size() > 5, "listed " + p.items().size());
    long chars = p.items().stream().mapToLong(PendingItem::chars).sum();
    assertTrue(chars <= PendingItems.MAX_CHARS, "chars " + chars);
    String json =
        new String(
            DefaultDataConverter.STANDARD_INSTANCE.toPayload(p).get().getData().toByteArray());
    assertTrue(json.length() <= PendingItems.MAX_CHARS, "JSON of " + json.length() + " characters");
  }

  @Test
  void refusesATotalBelowItsItems() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new PendingItems(0, List.of(item(1, 1))));
    assertTrue(e.getMessage().contains("PendingItems.total"), e.getMessage());
  }

  @Test
  void aStatusTravelsAsTheDocumentedJson() throws Exception {
    CycleStatus status = CycleTracker.starting("recon-orders-x", List.of()).withRetrying(List.of());
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    var payload = converter.toPayload(status).get();
    JsonNode json = new ObjectMapper().readTree(payload.getData().toByteArray());
    assertTrue(json.has("transient"), json.toString());
    assertFalse(json.has("transientCount"), json.toString());
    assertFalse(json.has("spec"), "absent, never null: " + json);
    assertFalse(json.has("state"), json.toString());
    assertEquals("RUNNING", json.get("status").asText());
    assertEquals(0, json.get("pending").get("total").asLong());
    assertEquals(status, converter.fromPayload(payload, CycleStatus.class, CycleStatus.class));
  }
}
