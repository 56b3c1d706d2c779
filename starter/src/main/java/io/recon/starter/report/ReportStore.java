package io.recon.starter.report;

import static io.recon.schema.jooq.Tables.AUDIT_EVENT;
import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.DISCREPANCY;
import static io.recon.schema.jooq.Tables.PARTITION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.core.audit.AuditAction;
import io.recon.core.canonical.Displays;
import io.recon.schema.jooq.tables.records.CycleRecord;
import io.recon.schema.jooq.tables.records.DiscrepancyRecord;
import io.recon.workflows.approval.DecisionLog;
import io.recon.workflows.cycle.Decision;
import io.recon.workflows.cycle.DiscrepancyStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Reads what reports and history need from the recon store. */
public final class ReportStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DSLContext db;

  public ReportStore(DataSource store) {
    this.db = DSL.using(store, SQLDialect.POSTGRES);
  }

  /**
   * The summary of one cycle, or empty when the store has no such cycle. With {@code topFields} 0
   * it is the lean summary {@code status} needs: no top fields and no schema drift.
   */
  public Optional<ReportSummary> summary(String cycleId, int topFields) {
    CycleRecord c = db.selectFrom(CYCLE).where(CYCLE.CYCLE_ID.eq(cycleId)).fetchOne();
    if (c == null) {
      return Optional.empty();
    }
    Map<DiscrepancyStatus, Long> byStatus = new EnumMap<>(DiscrepancyStatus.class);
    Map<String, Long> kinds = zeroKinds();
    Map<String, Map<String, Long>> bySeverity = new LinkedHashMap<>();
    db.select(DISCREPANCY.KIND, DISCREPANCY.SEVERITY, DISCREPANCY.STATUS, DSL.count())
        .from(DISCREPANCY)
        .where(DISCREPANCY.CYCLE_ID.eq(cycleId))
        .groupBy(DISCREPANCY.KIND, DISCREPANCY.SEVERITY, DISCREPANCY.STATUS)
        .forEach(
            r -> {
              long n = r.value4();
              DiscrepancyStatus status = DiscrepancyStatus.valueOf(r.value3());
              byStatus.merge(status, n, Long::sum);
              if (status != DiscrepancyStatus.TRANSIENT && status != DiscrepancyStatus.DETECTED) {
                String kind = r.value1().toLowerCase(java.util.Locale.ROOT);
                kinds.merge(kind, n, Long::sum);
                bySeverity
                    .computeIfAbsent(kind, k -> new LinkedHashMap<>())
                    .merge(r.value2(), n, Long::sum);
              }
            });
    Long compared =
        db.select(DSL.coalesce(DSL.sum(PARTITION.COMPARED), DSL.inline(java.math.BigDecimal.ZERO)))
            .from(PARTITION)
            .where(PARTITION.CYCLE_ID.eq(cycleId))
            .fetchOne(0, Long.class);
    return Optional.of(
        new ReportSummary(
            c.getCycleId(),
            c.getSpecName(),
            c.getSpecVersion(),
            c.getSpecHash(),
            c.getMode().toLowerCase(java.util.Locale.ROOT),
            c.getStatus(),
            text(c.getStartedAt()),
            text(c.getFinishedAt()),
            Math.max(c.getCompared(), compared == null ? 0 : compared),
            kinds,
            bySeverity,
            byStatus.getOrDefault(DiscrepancyStatus.TRANSIENT, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.REPAIRED, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.PENDING_APPROVAL, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.REJECTED, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.EXPIRED, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.SKIPPED_CONCURRENT_CHANGE, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.UNRESOLVED, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.FAILED, 0L),
            byStatus.getOrDefault(DiscrepancyStatus.REPORTED, 0L)
                + byStatus.getOrDefault(DiscrepancyStatus.PERSISTENT, 0L)
                + byStatus.getOrDefault(DiscrepancyStatus.DETECTED, 0L),
            c.getGateRatio() == null
                ? null
                : new ReportSummary.Gate(
                    c.getGateRatio(),
                    c.getGateThreshold(),
                    c.getGateThreshold() != null && c.getGateRatio() > c.getGateThreshold()),
            topFields(List.of(cycleId), topFields),
            topFields > 0 ? schemaDrift(cycleId) : List.of(),
            c.getError()));
  }

  /**
   * Streams the cycle's items in id order to {@code consumer} through a cursor, so a report of a
   * million discrepancies needs no more memory than one of ten.
   */
  public void items(String cycleId, Consumer<ReportItem> consumer) {
    db.transaction(
        tx -> {
          try (Stream<DiscrepancyRecord> rows =
              tx.dsl()
                  .selectFrom(DISCREPANCY)
                  .where(DISCREPANCY.CYCLE_ID.eq(cycleId))
                  .orderBy(DISCREPANCY.ID)
                  .fetchSize(1000)
                  .fetchStream()) {
            rows.forEach(r -> consumer.accept(item(r)));
          }
        });
  }

  /** The target paths that differed most often across {@code cycleIds}. */
  public List<ReportSummary.FieldCount> topFields(List<String> cycleIds, int limit) {
    if (cycleIds.isEmpty() || limit <= 0) {
      return List.of();
    }
    List<ReportSummary.FieldCount> top = new ArrayList<>();
    db.resultQuery(
            "select f ->> 'path' as path, count(*) as n"
                + " from recon.discrepancy d, jsonb_array_elements(d.fields::jsonb) f"
                + " where d.cycle_id = any(?) and d.status not in ('DETECTED', 'TRANSIENT')"
                + " group by 1 order by 2 desc, 1 limit ?",
            cycleIds.toArray(String[]::new),
            limit)
        .forEach(
            r ->
                top.add(
                    new ReportSummary.FieldCount(r.get(0, String.class), r.get(1, Long.class))));
    return top;
  }

  /**
   * The target fields that at least {@link #DRIFT_MIN_DOCUMENTS} mismatched documents of the cycle
   * hold in a wrong BSON type, most first, at most {@link #DRIFT_MAX_FIELDS}. One aggregate query
   * over the stored field displays ({@code <string "abc", expected timestamp>}, see {@code
   * CanonicalValue.Invalid}); the database sorts, so memory stays bounded whatever the count.
   */
  public List<ReportSummary.SchemaDrift> schemaDrift(String cycleId) {
    String expected = "substring(f ->> 'target' from ', expected ([a-z ]+)>$')";
    String seen = "substring(f ->> 'target' from '^<([a-z0-9]+)[ ,]')";
    Map<List<String>, DriftBuilder> byField = new LinkedHashMap<>();
    db.resultQuery(
            "select path, expected, seen, count(*) as n,"
                + " array_agg(key_json order by id) filter (where rn <= "
                + DRIFT_EXAMPLES
                + ") as examples"
                + " from (select f ->> 'path' as path, "
                + expected
                + " as expected, "
                + seen
                + " as seen, d.key_json, d.id,"
                + " row_number() over (partition by f ->> 'path', "
                + expected
                + " order by d.id) as rn"
                + " from recon.discrepancy d, jsonb_array_elements(d.fields::jsonb) f"
                + " where d.cycle_id = ? and d.kind = 'MISMATCH'"
                + " and d.status not in ('DETECTED', 'TRANSIENT')"
                + " and f ->> 'target' ~ '^<[a-z0-9]+[ ,].*, expected [a-z ]+>$') x"
                + " group by path, expected, seen order by path, expected, n desc, seen",
            cycleId)
        .forEach(
            r -> {
              DriftBuilder b =
                  byField.computeIfAbsent(
                      List.of(r.get(0, String.class), r.get(1, String.class)),
                      k -> new DriftBuilder());
              long n = r.get(3, Long.class);
              b.seen.put(r.get(2, String.class), n);
              b.count += n;
              String[] examples = r.get(4, String[].class);
              if (examples != null) {
                for (String key : examples) {
                  if (b.examples.size() < DRIFT_EXAMPLES) {
                    b.examples.add(readKey(key));
                  }
                }
              }
            });
    return byField.entrySet().stream()
        .filter(e -> e.getValue().count >= DRIFT_MIN_DOCUMENTS)
        .sorted(
            java.util.Comparator.comparingLong(
                    (Map.Entry<List<String>, DriftBuilder> e) -> e.getValue().count)
                .reversed())
        .limit(DRIFT_MAX_FIELDS)
        .map(
            e ->
                new ReportSummary.SchemaDrift(
                    e.getKey().get(0),
                    e.getKey().get(1),
                    e.getValue().seen,
                    e.getValue().count,
                    List.copyOf(e.getValue().examples)))
        .toList();
  }

  /** How many documents must hold a field in a wrong BSON type before it is schema drift. */
  public static final int DRIFT_MIN_DOCUMENTS = 10;

  /** At most this many drifting fields are listed. */
  public static final int DRIFT_MAX_FIELDS = 20;

  private static final int DRIFT_EXAMPLES = 3;

  private static final class DriftBuilder {
    final Map<String, Long> seen = new LinkedHashMap<>();
    final List<JsonNode> examples = new ArrayList<>();
    long count;
  }

  private static JsonNode readKey(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a discrepancy's key_json is malformed: " + json, e);
    }
  }

  /**
   * The cycle's most recent decisions, oldest first, as its audit records them: what {@code status}
   * shows of a closed cycle, whose workflow no longer answers. At most {@link
   * DecisionLog#CAPACITY}, as the live log. An accepted decision that named ids not pending reads
   * as two, the accepted part and the refused ids, as the audit holds them.
   */
  public List<Decision> decisions(String cycleId) {
    List<Decision> recent = new ArrayList<>();
    db.selectFrom(AUDIT_EVENT)
        .where(AUDIT_EVENT.CYCLE_ID.eq(cycleId), AUDIT_EVENT.ACTION.in(GRANTED, REJECTED, REFUSED))
        .orderBy(AUDIT_EVENT.OCCURRED_AT.desc(), AUDIT_EVENT.SEQ.desc())
        .limit(DecisionLog.CAPACITY)
        .forEach(
            e -> {
              JsonNode detail = readDetail(e.getDetail());
              List<String> ids = new ArrayList<>();
              detail.path("ids").forEach(id -> ids.add(id.asText()));
              boolean refused = REFUSED.equals(e.getAction());
              String action =
                  refused
                      ? detail.path("action").asText("")
                      : GRANTED.equals(e.getAction()) ? "approve" : "reject";
              String requestId = detail.path("requestId").asText(null);
              recent.add(
                  new Decision(
                      action,
                      requestId,
                      e.getActor(),
                      refused ? null : e.getReason(),
                      ids,
                      refused ? 0 : detail.path("count").asLong(ids.size()),
                      refused ? e.getReason() : null,
                      refused ? ids : List.of(),
                      e.getOccurredAt().toInstant().toEpochMilli()));
            });
    java.util.Collections.reverse(recent);
    return recent;
  }

  private static final String GRANTED = AuditAction.APPROVAL_GRANTED.text();
  private static final String REJECTED = AuditAction.APPROVAL_REJECTED.text();
  private static final String REFUSED = AuditAction.APPROVAL_REFUSED.text();

  private static JsonNode readDetail(String json) {
    if (json == null) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }

  /** The job's most recent cycle ids, newest first. */
  public List<String> recentCycleIds(String specName, int limit) {
    return db.select(CYCLE.CYCLE_ID)
        .from(CYCLE)
        .where(CYCLE.SPEC_NAME.eq(specName))
        .orderBy(CYCLE.STARTED_AT.desc())
        .limit(limit)
        .fetch(CYCLE.CYCLE_ID);
  }

  private static ReportItem item(DiscrepancyRecord r) {
    List<String> paths = new ArrayList<>();
    List<ReportItem.Diff> diffs = new ArrayList<>();
    JsonNode key;
    try {
      key = JSON.readTree(r.getKeyJson());
      for (JsonNode f : JSON.readTree(r.getFields())) {
        String path = f.path("path").asText();
        paths.add(path);
        // Stored already cut for display; shortened again so that no stored text, however it
        // was written, reaches a terminal unescaped.
        diffs.add(
            new ReportItem.Diff(
                Displays.shorten(path),
                Displays.shorten(f.path("source").asText()),
                Displays.shorten(f.path("target").asText())));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("discrepancy " + r.getId() + " holds malformed JSON", e);
    }
    return new ReportItem(
        String.valueOf(r.getId()),
        key,
        r.getKind(),
        r.getSeverity(),
        paths,
        diffs,
        ItemStatuses.shown(r.getStatus()),
        text(r.getFirstSeenAt()),
        text(r.getLastSeenAt()),
        r.getDetail());
  }

  private static Map<String, Long> zeroKinds() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("missing", 0L);
    m.put("orphan", 0L);
    m.put("mismatch", 0L);
    m.put("duplicate_key", 0L);
    m.put("invalid_key", 0L);
    return m;
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
