package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.spec.Severity;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountsTest {
  private static final DefaultDataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  /** The JSON of Counts as histories recorded it while it was one record of twelve longs. */
  private static final String OLD_COUNTS =
      "{\"sourceRecords\":10,\"targetRecords\":12,\"compared\":13,\"missing\":1,\"orphan\":3,"
          + "\"mismatch\":2,\"transientCount\":5,\"low\":1,\"medium\":2,\"high\":4,"
          + "\"duplicate\":6,\"invalidKey\":7}";

  private static final Counts C =
      new Counts(new Volumes(10, 12, 13), new Findings(1, 3, 2, 6, 7), new Severities(1, 2, 4), 5);

  private static <T> T read(String json, Class<T> type) {
    var payload =
        CONVERTER.toPayload(Map.of()).orElseThrow().toBuilder()
            .setData(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    return CONVERTER.fromPayload(payload, type, type);
  }

  private static String json(Object value) {
    return CONVERTER.toPayload(value).orElseThrow().getData().toStringUtf8();
  }

  @Test
  void countsKeepTheFlatJsonFieldsAndOrderTheyAlwaysHad() {
    assertEquals(OLD_COUNTS, json(C));
    assertEquals(C, read(OLD_COUNTS, Counts.class));
  }

  @Test
  void anOldHistorysCountsReadAsWhatCompareDetectedAndWhatRecheckSettled() {
    DetectedCounts detected = read(OLD_COUNTS, DetectedCounts.class);
    assertEquals(new Volumes(10, 12, 13), detected.volumes());
    assertEquals(new Findings(1, 3, 2, 6, 7), detected.findings());
    assertEquals(new Severities(1, 2, 4), detected.severities());
    SettledCounts settled = read(OLD_COUNTS, SettledCounts.class);
    assertEquals(new Findings(1, 3, 2, 6, 7), settled.persistent());
    assertEquals(new Severities(1, 2, 4), settled.severities());
    assertEquals(5, settled.transientCount());
  }

  @Test
  void detectedAndSettledWriteTheOldFieldNamesLessWhatTheyNeverHold() {
    assertEquals(
        "{\"sourceRecords\":10,\"targetRecords\":12,\"compared\":13,\"missing\":1,\"orphan\":3,"
            + "\"mismatch\":2,\"low\":1,\"medium\":2,\"high\":4,\"duplicate\":6,\"invalidKey\":7}",
        json(new DetectedCounts(C.volumes(), C.persistent(), C.severities())));
    assertEquals(
        "{\"missing\":1,\"orphan\":3,\"mismatch\":2,\"transientCount\":5,\"low\":1,\"medium\":2,"
            + "\"high\":4,\"duplicate\":6,\"invalidKey\":7}",
        json(new SettledCounts(C.persistent(), C.severities(), 5)));
  }

  @Test
  void countsRecordedBeforeDuplicateKeysExistedReadAsZeroDuplicates() {
    Counts c =
        read(
            "{\"sourceRecords\":3,\"missing\":1,\"orphan\":2,\"mismatch\":4,\"high\":7}",
            Counts.class);
    assertEquals(
        new Counts(new Volumes(3, 0, 0), new Findings(1, 2, 4, 0, 0), new Severities(0, 0, 7), 0),
        c);
    assertEquals(7, c.discrepancies());
    assertEquals(0, read("{\"orphan\":1,\"duplicate\":2}", Counts.class).persistent().invalidKey());
  }

  @Test
  void theOneCombinationTakesVolumesFromDetectionAndTheRestFromRecheck() {
    var detected =
        new DetectedCounts(
            new Volumes(10, 12, 13), new Findings(9, 9, 9, 9, 9), new Severities(9, 9, 9));
    var settled = new SettledCounts(new Findings(1, 3, 2, 6, 7), new Severities(1, 2, 4), 5);
    assertEquals(C, Counts.of(detected, settled));
    assertEquals(
        new Counts(new Volumes(10, 12, 13), Findings.NONE, Severities.NONE, 0),
        Counts.clean(detected));
  }

  @Test
  void sumsAddEveryGroupAndDiscrepanciesCountEveryKind() {
    assertEquals(19, C.discrepancies());
    Counts twice = C.plus(C);
    assertEquals(new Volumes(20, 24, 26), twice.volumes());
    assertEquals(new Findings(2, 6, 4, 12, 14), twice.persistent());
    assertEquals(new Severities(2, 4, 8), twice.severities());
    assertEquals(10, twice.transientCount());
    Counts viaPayloads =
        CONVERTER.fromPayloads(0, CONVERTER.toPayloads(C), Counts.class, Counts.class);
    assertEquals(C, viaPayloads);
  }

  @Test
  void findingsAndSeveritiesAreAddressedByTheirEnums() {
    Findings f = Findings.NONE;
    for (DiscrepancyKind k : DiscrepancyKind.values()) {
      f = f.plus(k, k.ordinal() + 1);
    }
    for (DiscrepancyKind k : DiscrepancyKind.values()) {
      assertEquals(k.ordinal() + 1, f.of(k), k.name());
    }
    assertEquals(new Findings(1, 2, 3, 4, 5), f);
    Severities s = Severities.NONE.plus(Severity.LOW, 1).plus(Severity.HIGH, 3);
    assertEquals(new Severities(1, 0, 3), s);
    assertEquals(3, s.of(Severity.HIGH));
  }

  @Test
  void statusPrintsCountsWithAPlainObjectMapperAsBefore() throws Exception {
    assertEquals(OLD_COUNTS, new ObjectMapper().writeValueAsString(C));
    assertEquals(C, new ObjectMapper().readValue(OLD_COUNTS, Counts.class));
  }
}
