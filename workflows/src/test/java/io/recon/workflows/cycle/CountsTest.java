package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.common.converter.DefaultDataConverter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CountsTest {
  @Test
  void countsRecordedBeforeDuplicateKeysExistedReadAsZeroDuplicates() {
    var converter = DefaultDataConverter.newDefaultInstance();
    var old =
        converter.toPayload(
            java.util.Map.of(
                "sourceRecords", 3, "missing", 1, "orphan", 2, "mismatch", 4, "high", 7));
    Counts c = converter.fromPayload(old.orElseThrow(), Counts.class, Counts.class);
    assertEquals(new Counts(3, 0, 0, 1, 2, 4, 0, 0, 0, 7, 0, 0), c);
    assertEquals(7, c.discrepancies());
  }

  @Test
  void duplicatesTravelAndCountAsDiscrepancies() {
    var converter = DefaultDataConverter.newDefaultInstance();
    Counts c = new Counts(1, 2, 3, 0, 0, 0, 0, 0, 0, 2, 2, 0);
    Optional<io.temporal.api.common.v1.Payloads> p = converter.toPayloads(c);
    assertEquals(c, converter.fromPayloads(0, p, Counts.class, Counts.class));
    assertEquals(2, c.discrepancies());
    assertEquals(4, c.plus(c).duplicate());
  }

  @Test
  void invalidKeysTravelCountAsDiscrepanciesAndReadAsZeroFromOlderPayloads() {
    var converter = DefaultDataConverter.newDefaultInstance();
    Counts c = new Counts(1, 2, 3, 0, 1, 0, 0, 0, 0, 4, 1, 2);
    Optional<io.temporal.api.common.v1.Payloads> p = converter.toPayloads(c);
    assertEquals(c, converter.fromPayloads(0, p, Counts.class, Counts.class));
    assertEquals(4, c.discrepancies());
    assertEquals(4, c.plus(c).invalidKey());
    var old = converter.toPayload(java.util.Map.of("orphan", 1, "duplicate", 2)).orElseThrow();
    assertEquals(0, converter.fromPayload(old, Counts.class, Counts.class).invalidKey());
  }
}
