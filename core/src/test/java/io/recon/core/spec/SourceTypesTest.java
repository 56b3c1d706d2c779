package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceTypesTest {
  @ParameterizedTest
  @CsvSource({
    "STRING, text",
    "STRING, varchar",
    "STRING, bpchar",
    "STRING, char",
    "STRING, citext",
    "STRING, name",
    "INTEGER, int2",
    "INTEGER, int4",
    "INTEGER, int8",
    "INTEGER, serial",
    "INTEGER, bigserial",
    "INTEGER, numeric",
    "DECIMAL, numeric",
    "DECIMAL, int4",
    "DECIMAL, int8",
    "DECIMAL, float8",
    "DOUBLE, float8",
    "DOUBLE, float4",
    "DOUBLE, numeric",
    "DOUBLE, int4",
    "BOOLEAN, bool",
    "TIMESTAMP, timestamp",
    "TIMESTAMP, timestamptz",
    "TIMESTAMP, date",
    "DATE, date",
    "UUID, uuid",
    "UUID, text",
    "JSON, json",
    "JSON, jsonb",
    "JSON, text",
    "JSON, _int4",
    "JSON, _text",
    "STRING, TEXT",
  })
  void comparesWhatTheCanonicalizerReads(FieldType type, String pgType) {
    assertTrue(SourceTypes.accepts(type, pgType), type + " over " + pgType);
  }

  @ParameterizedTest
  @CsvSource({
    "STRING, int4", // the drift: text altered to integer under type: string
    "STRING, int8",
    "STRING, numeric",
    "STRING, uuid",
    "STRING, jsonb",
    "STRING, bool",
    "STRING, timestamptz",
    "STRING, _text",
    "INTEGER, text",
    "INTEGER, bool",
    "DECIMAL, varchar",
    "DOUBLE, text",
    "BOOLEAN, int4",
    "BOOLEAN, text",
    "TIMESTAMP, text",
    "TIMESTAMP, int8",
    "DATE, timestamp",
    "DATE, timestamptz",
    "DATE, text",
    "UUID, int8",
    "UUID, bytea",
    "JSON, int4",
    "JSON, bytea",
    "INTEGER, _int4",
  })
  void refusesWhatCannotCompare(FieldType type, String pgType) {
    assertFalse(SourceTypes.accepts(type, pgType), type + " over " + pgType);
  }

  @Test
  void describesTheAcceptedTypesForMessages() {
    assertEquals(
        "text, varchar, bpchar, char, name, citext", SourceTypes.describe(FieldType.STRING));
    assertEquals(
        "json, jsonb, text, varchar, bpchar, char, name, citext and any array type",
        SourceTypes.describe(FieldType.JSON));
  }

  @Test
  void everyTypeHasARule() {
    for (FieldType type : FieldType.values()) {
      assertFalse(SourceTypes.describe(type).isBlank(), type.name());
    }
  }
}
