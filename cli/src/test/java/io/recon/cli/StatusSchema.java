package io.recon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The published status schema, docs/contract/status.schema.json, as a validator for tests. */
final class StatusSchema {
  static final Path FILE = Path.of("..", "docs", "contract", "status.schema.json");
  private static final Schema SCHEMA = load();

  private StatusSchema() {}

  /** What in {@code payload} breaks the schema, one line each; empty when it conforms. */
  static List<String> violations(JsonNode payload) {
    return SCHEMA.validate(payload).stream().map(Object::toString).toList();
  }

  private static Schema load() {
    try {
      String text = Files.readString(FILE);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
    }
  }
}
