package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSpecTest {
  // The same shape of mapper Temporal uses to carry the spec as workflow input.
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

  @Test
  void specRoundTripsThroughJacksonWithJavaTimeModule() throws Exception {
    JobSpec spec = Specs.full();
    String json = mapper.writeValueAsString(spec);
    assertEquals(spec, mapper.readValue(json, JobSpec.class));
    assertEquals(spec.canonicalHash(), mapper.readValue(json, JobSpec.class).canonicalHash());
  }

  @Test
  void jsonCarriesOnlyRecordComponentsAndEnumNames() throws Exception {
    String json = mapper.writeValueAsString(Specs.full());
    assertFalse(json.contains("canonicalHash"), json);
    assertFalse(json.contains("relation"), json);
    assertTrue(json.contains("\"HASHED\""), json);
    assertTrue(json.contains("\"COLLAPSE_WHITESPACE\"") || json.contains("\"LOWERCASE\""), json);
  }

  @Test
  void defaultsAreVisibleAfterConstruction() {
    JobSpec spec = Specs.job(true, FieldSpec.of("a", "a", FieldType.STRING));
    assertEquals(Severity.HIGH, spec.missing().severity());
    assertEquals(OrphanAction.REPORT, spec.orphan().action());
    assertEquals(Duration.ofSeconds(30), spec.settle());
    assertEquals(List.of(Severity.LOW), spec.repair().auto());
    assertEquals(Duration.ofHours(24), spec.repair().approvalTimeout());
    assertEquals(AuditKeys.PLAIN, spec.auditKeys());
    assertEquals(Severity.MEDIUM, spec.fields().get(0).severity());
    assertEquals(TimePrecision.MILLIS, spec.fields().get(0).precision());
    assertEquals("UTC", spec.fields().get(0).zone());
  }

  @Test
  void canonicalHashChangesWithAnyComparedSetting() {
    JobSpec a = Specs.job(true, FieldSpec.of("a", "a", FieldType.STRING));
    JobSpec b = Specs.job(false, FieldSpec.of("a", "a", FieldType.STRING));
    assertEquals(64, a.canonicalHash().length());
    assertEquals(
        a.canonicalHash(),
        Specs.job(true, FieldSpec.of("a", "a", FieldType.STRING)).canonicalHash());
    assertNotEquals(a.canonicalHash(), b.canonicalHash());
  }

  @Test
  void decimalWithoutScaleIsRejectedNamingTheField() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> FieldSpec.of("b", "balance", FieldType.DECIMAL));
    assertTrue(e.getMessage().contains("fields[balance].scale"), e.getMessage());
  }

  @Test
  void overlappingTargetPathsAreRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Specs.job(
                    true,
                    FieldSpec.of("a", "contact", FieldType.JSON),
                    FieldSpec.of("b", "contact.email", FieldType.STRING)));
    assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
  }

  @Test
  void severitiesOrderByRank() {
    assertTrue(Severity.HIGH.compareTo(Severity.MEDIUM) > 0);
    assertEquals(Severity.HIGH, Severity.LOW.atLeast(Severity.HIGH));
  }
}
