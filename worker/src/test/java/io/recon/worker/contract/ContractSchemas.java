package io.recon.worker.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published contract, {@code docs/contract/*.schema.json}, read from the repository itself so
 * that a test validating a payload against it checks the very file clients read.
 */
public final class ContractSchemas {
  public static final String START = "start";
  public static final String RESULT = "result";
  public static final String DECIDE = "decide";
  public static final String VERDICT = "verdict";
  public static final String SIGNAL_DECISION = "signal-decision";
  public static final String SIGNAL_CANCEL = "signal-cancel";
  public static final String ESCALATION = "escalation";

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private ContractSchemas() {}

  /** {@code docs/contract}, found from the module's directory up. */
  public static Path directory() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path dir = p.resolve("docs").resolve("contract");
      if (Files.isDirectory(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "docs/contract not found above " + Path.of("").toAbsolutePath());
  }

  /** The repository's root: the directory holding docs/. */
  public static Path repositoryRoot() {
    return directory().getParent().getParent();
  }

  public static Schema schema(String name) {
    return SCHEMAS.computeIfAbsent(
        name,
        n -> {
          Path file = directory().resolve(n + ".schema.json");
          try {
            Schema schema = REGISTRY.getSchema(JSON.readTree(Files.readString(file)));
            schema.initializeValidators();
            return schema;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
          }
        });
  }

  /** What {@code payload} breaks of schema {@code name}; empty when it conforms. */
  public static List<String> errors(String name, JsonNode payload) {
    return schema(name).validate(payload).stream().map(Error::toString).toList();
  }

  public static void assertValid(String name, JsonNode payload) {
    List<String> errors = errors(name, payload);
    assertTrue(errors.isEmpty(), name + ".schema.json refuses " + payload + ": " + errors);
  }

  public static void assertValid(String name, String json) {
    assertValid(name, parse(json));
  }

  /** Asserts that the schema refuses {@code json}; returns why, for a closer look. */
  public static List<String> assertRefused(String name, String json) {
    List<String> errors = errors(name, parse(json));
    assertFalse(errors.isEmpty(), name + ".schema.json accepts " + json);
    return errors;
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
