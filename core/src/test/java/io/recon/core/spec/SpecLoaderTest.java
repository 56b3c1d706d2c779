package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {
  private static final Path EXAMPLE = Path.of("src/test/resources/specs/customer-profiles.yaml");

  @Test
  void documentedExampleLoadsWithEveryOption() {
    JobSpec spec = SpecLoader.parse(example(), EXAMPLE.toString());
    assertEquals("customer-profiles", spec.name());
    assertEquals(List.of("id"), spec.source().key());
    assertEquals(4, spec.fields().size());
    FieldSpec balance = spec.fields().get(1);
    assertEquals(FieldType.DECIMAL, balance.type());
    assertEquals(2, balance.scale());
    assertEquals(new BigDecimal("0.01"), balance.tolerance());
    assertEquals(List.of(Normalizer.TRIM, Normalizer.LOWERCASE), spec.fields().get(0).normalize());
    assertEquals(List.of(Severity.LOW, Severity.MEDIUM), spec.repair().auto());
    assertEquals(Duration.ofHours(24), spec.repair().approvalTimeout());
    assertEquals(Duration.ofSeconds(30), spec.settle());
    assertEquals("*/30 * * * *", spec.schedule());
  }

  @Test
  void minimalSpecTakesTheDocumentedDefaults() {
    JobSpec spec = SpecLoader.parse(minimal(""), "min.yaml");
    assertEquals(16, spec.partitions());
    assertEquals(4, spec.parallelism());
    assertTrue(spec.nullEqualsAbsent());
    assertEquals(Severity.HIGH, spec.missing().severity());
    assertEquals(OrphanAction.REPORT, spec.orphan().action());
    assertEquals(RepairPolicy.DEFAULT, spec.repair());
    assertEquals(AuditKeys.PLAIN, spec.auditKeys());
    assertEquals(Limits.NONE, spec.limits());
  }

  @Test
  void limitsCapReadsPerRangeAndWritesPerJob() {
    JobSpec spec =
        SpecLoader.parse(
            minimal("limits: { readsPerSecond: 8000, writesPerSecond: 200 }\nparallelism: 4\n"),
            "limits.yaml");
    assertEquals(new Limits(8000, 200), spec.limits());
    assertEquals(2000.0, spec.limits().readsPerSecondPerRange(spec.parallelism()));
  }

  @Test
  void negativeOrUnknownLimitsAreReportedWithTheirKeys() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                SpecLoader.parse(
                    minimal("limits: { readsPerSecond: -1, writesPerSeconds: 5 }\n"),
                    "limits.yaml"));
    String report =
        e.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
    assertTrue(report.contains("limits.readsPerSecond"), report);
    assertTrue(report.contains("did you mean 'writesPerSecond'"), report);
  }

  @Test
  void canonicalHashIgnoresKeyOrderInTheFile() {
    String a = "name: j\nowner: o\n" + body();
    String b = body() + "owner: o\nname: j\n";
    assertEquals(
        SpecLoader.parse(a, "a").canonicalHash(), SpecLoader.parse(b, "b").canonicalHash());
    assertNotEquals(
        SpecLoader.parse(a, "a").canonicalHash(),
        SpecLoader.parse(a + "partitions: 8\n", "a").canonicalHash());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsLocation() {
    String yaml =
        """
        name: Bad_Name
        owner: o
        sorce: x
        source:
          table: t
          query: select 1
          key: [id, k]
        target: {database: d, collection: c, key: [_id]}
        fields:
          - {source: a, target: contact, type: json}
          - {source: b, target: contact.email, type: string, severity: urgent}
          - {source: c, target: bal, type: decimal}
          - {source: d, target: n, type: integer, normalize: [trim]}
          - {source: e, target: contact, type: string}
        settle: -5s
        repair: {approvalTimeout: soon, maxDivergenceRatio: 2}
        """;
    var e = assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, "bad.yaml"));
    String report =
        e.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
    assertContains(report, "bad.yaml:1:7: name: 'Bad_Name' must match [a-z0-9-]+");
    assertContains(report, "bad.yaml:3:1: sorce: unknown key; did you mean 'source'?");
    assertContains(report, "bad.yaml:5:3: source: set exactly one of 'table' and 'query'");
    assertContains(report, "target.key: has 1 columns but source.key has 2");
    assertContains(
        report, "bad.yaml:11:25: fields[1].target: target path 'contact.email' overlaps");
    assertContains(report, "fields[1].severity: 'urgent' is not one of [low, medium, high]");
    assertContains(report, "bad.yaml:12:5: fields[2].scale: decimal fields need a scale");
    assertContains(report, "fields[3].normalize: normalize rules apply to string fields only");
    assertContains(
        report, "bad.yaml:14:25: fields[4].target: target path 'contact' is already compared");
    assertContains(report, "bad.yaml:15:9: settle: '-5s' is negative");
    assertContains(report, "repair.approvalTimeout: 'soon' is not a duration");
    assertContains(report, "repair.maxDivergenceRatio: must be in [0, 1]");
    assertEquals(12, e.problems().size(), report);
  }

  @Test
  void bsonTypeNamesWhatTheTargetStoresAndIsCheckedAgainstTheFieldType() {
    String yaml =
        """
        name: j
        owner: o
        source: {table: t, key: [id]}
        target: {database: d, collection: c, key: [_id]}
        fields:
          - {source: a, target: a, type: decimal, scale: 2, bsonType: double}
          - {source: b, target: b, type: integer, bsonType: long}
          - {source: c, target: c, type: timestamp, bsonType: string}
          - {source: d, target: d, type: string}
        """;
    JobSpec spec = SpecLoader.parse(yaml, "ok.yaml");
    assertEquals(BsonType.DOUBLE, spec.fields().get(0).bsonType());
    assertEquals(BsonType.LONG, spec.fields().get(1).bsonType());
    assertEquals(BsonType.STRING, spec.fields().get(2).bsonType());
    assertEquals(null, spec.fields().get(3).bsonType());

    // A spec without bsonType serializes (and hashes) as it did before the key existed.
    String json = assertDoesNotThrow(() -> new ObjectMapper().writeValueAsString(spec.fields()));
    assertTrue(json.contains("\"bsonType\":\"DOUBLE\""), json);
    assertEquals(3, json.split("bsonType", -1).length - 1, json);

    String bad =
        """
        name: j
        owner: o
        source: {table: t, key: [id]}
        target: {database: d, collection: c, key: [_id]}
        fields:
          - {source: a, target: a, type: decimal, scale: 2, bsonType: float}
          - {source: b, target: b, type: string, bsonType: int}
          - {source: c, target: c, type: json, bsonType: string}
          - {source: d, target: d, type: date, bsonType: Date}
        """;
    var e = assertThrows(SpecException.class, () -> SpecLoader.parse(bad, "bad.yaml"));
    String report =
        e.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
    assertContains(
        report,
        "bad.yaml:6:63: fields[0].bsonType: 'float' is not one of"
            + " [double, decimal, int, long, string, date]");
    assertContains(
        report,
        "bad.yaml:7:52: fields[1].bsonType: a string field cannot be stored as int; use one of"
            + " string");
    assertContains(
        report,
        "bad.yaml:8:50: fields[2].bsonType: a json field cannot be stored as string; bsonType"
            + " does not apply to json fields");
    assertContains(report, "bad.yaml:9:50: fields[3].bsonType: 'Date' is not one of");
    assertEquals(4, e.problems().size(), report);
  }

  @Test
  void missingRequiredKeysAreNamed() {
    var e = assertThrows(SpecException.class, () -> SpecLoader.parse("name: x\n", "m.yaml"));
    String report = e.getMessage();
    assertContains(report, "m.yaml:1:1: owner: required key is missing");
    assertContains(report, "m.yaml:1:1: source: required key is missing");
    assertContains(report, "m.yaml:1:1: fields: required key is missing");
  }

  @Test
  void unparsableYamlReportsTheYamlErrorWithItsLine() {
    var e =
        assertThrows(
            SpecException.class, () -> SpecLoader.parse("name: x\nowner: [a, b\n", "y.yaml"));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).line() >= 2, e.getMessage());
    assertContains(e.getMessage(), "invalid YAML");
  }

  @Test
  void specCheckSummarizesAValidSpec() {
    var result = SpecCheck.run(example(), EXAMPLE.toString());
    assertEquals(0, result.exitCode());
    assertEquals("OK: spec 'customer-profiles' (4 fields, key [id] -> [_id])", result.report());
  }

  @Test
  void targetPathsMongoDbRefusesAndTheKeyPathAsAFieldAreRejectedWithTheirLocation() {
    String yaml =
        """
        name: j
        owner: o
        source: {table: t, key: [id]}
        target: {database: d, collection: c, key: [_id]}
        fields:
          - {source: a, target: $set, type: string}
          - {source: b, target: contact..email, type: string}
          - {source: c, target: _id, type: integer}
          - {source: d, target: x.$y, type: string}
          - {source: e, target: "stats.", type: string}
        """;
    SpecCheckResult result = check(yaml);
    assertEquals(SpecCheck.INVALID, result.exitCode());
    String report = result.report();
    assertContains(
        report,
        "paths.yaml:6:25: fields[0].target: target path '$set' has segment '$set' starting with"
            + " '$', which MongoDB refuses in a field name");
    assertContains(
        report,
        "paths.yaml:7:25: fields[1].target: target path 'contact..email' has an empty segment,"
            + " which MongoDB refuses");
    assertContains(
        report,
        "paths.yaml:8:25: fields[2].target: target path '_id' is the key path '_id'"
            + " (target.key), not a field");
    assertContains(report, "paths.yaml:9:25: fields[3].target: target path 'x.$y' has segment");
    assertContains(report, "paths.yaml:10:25: fields[4].target: target path 'stats.' has an empty");
    assertContains(report, "5 problems in");
  }

  @Test
  void targetKeyPathsFollowTheSameRules() {
    SpecCheckResult result =
        check(
            """
            name: j
            owner: o
            source: {table: t, key: [id]}
            target: {database: d, collection: c, key: [$id]}
            fields:
              - {source: a, target: a, type: string}
            """);
    assertEquals(SpecCheck.INVALID, result.exitCode());
    assertContains(result.report(), "paths.yaml:4:43: target.key: target path '$id' has segment");
  }

  private static SpecCheckResult check(String yaml) {
    return SpecCheck.run(yaml, "paths.yaml");
  }

  private static String example() {
    try {
      return java.nio.file.Files.readString(EXAMPLE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String body() {
    return "source: {table: t, key: [id]}\n"
        + "target: {database: d, collection: c, key: [_id]}\n"
        + "fields:\n  - {source: a, target: a, type: string}\n";
  }

  private static String minimal(String extra) {
    return "name: j\nowner: o\n" + body() + extra;
  }

  private static void assertContains(String report, String expected) {
    assertTrue(report.contains(expected), "expected <" + expected + "> in:\n" + report);
  }
}
