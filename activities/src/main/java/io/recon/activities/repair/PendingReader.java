package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.DISCREPANCY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recon.core.canonical.Displays;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.cycle.PendingItem;
import io.recon.workflows.cycle.PendingItems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Reads what a cycle holds for approval, for its {@code status}: the total and the first {@link
 * PendingItems#LIMIT} items by id, each differing field with its values as {@code recon report}
 * shows them (escaped and cut by {@link Displays#shorten}), so the workflow holds a bounded, small
 * list ({@link PendingItems#bounded}).
 */
final class PendingReader {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String PENDING = DiscrepancyStatus.PENDING_APPROVAL.name();

  private PendingReader() {}

  static PendingItems read(DSLContext ctx, String cycleId) {
    var d = DISCREPANCY;
    var where = d.CYCLE_ID.eq(cycleId).and(d.STATUS.eq(PENDING));
    long total = ctx.fetchCount(d, where);
    if (total == 0) {
      return PendingItems.NONE;
    }
    List<PendingItem> items = new ArrayList<>();
    ctx.select(d.ID, d.KEY_JSON, d.KIND, d.SEVERITY, d.FIELDS)
        .from(d)
        .where(where)
        .orderBy(d.ID)
        .limit(PendingItems.LIMIT)
        .forEach(
            r ->
                items.add(
                    item(
                        r.get(d.ID),
                        r.get(d.KEY_JSON),
                        r.get(d.KIND),
                        r.get(d.SEVERITY),
                        r.get(d.FIELDS))));
    return PendingItems.bounded(total, items);
  }

  private static PendingItem item(
      long id, String keyJson, String kind, String severity, String fieldsJson) {
    List<String> paths = new ArrayList<>();
    List<PendingItem.Diff> diffs = new ArrayList<>();
    Map<String, Object> key;
    try {
      key =
          keyJson == null
              ? Map.of()
              : JSON.readValue(keyJson, new TypeReference<LinkedHashMap<String, Object>>() {});
      if (fieldsJson != null) {
        for (JsonNode f : JSON.readTree(fieldsJson)) {
          String path = Displays.shorten(f.path("path").asText());
          paths.add(path);
          diffs.add(
              new PendingItem.Diff(
                  path,
                  Displays.shorten(f.path("source").asText()),
                  Displays.shorten(f.path("target").asText())));
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("discrepancy " + id + " holds malformed JSON", e);
    }
    return new PendingItem(String.valueOf(id), key, kind, severity, paths, diffs);
  }
}
