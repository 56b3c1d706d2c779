package io.recon.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.SpecCheck;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileTest {
  private static final String VALID =
      """
      name: j
      owner: o
      source: {table: t, key: [id]}
      target: {database: d, collection: c, key: [_id]}
      fields:
        - {source: a, target: a, type: string}
      """;

  @Test
  void specCheckExitsTwoForAMissingFileWithoutAStackTrace() {
    var result = SpecFile.check(Path.of("no/such/spec.yaml"));
    assertEquals(SpecCheck.INVALID, result.exitCode());
    assertEquals("no/such/spec.yaml: no such file", result.report());
  }

  @Test
  void aValidFileIsCheckedAndLoadedFromItsText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("j.yaml");
    Files.writeString(file, VALID);
    var result = SpecFile.check(file);
    assertEquals(SpecCheck.OK, result.exitCode(), result.report());
    assertEquals("OK: spec 'j' (1 fields, key [id] -> [_id])", result.report());
    assertEquals("j", SpecFile.load(file).name());
  }

  @Test
  void problemsAreLabelledWithThePathOfTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, VALID.replace("owner: o\n", ""));
    var result = SpecFile.check(file);
    assertEquals(SpecCheck.INVALID, result.exitCode());
    assertTrue(result.report().startsWith(file + ":"), result.report());
    assertTrue(result.report().endsWith("1 problem in " + file), result.report());
  }

  @Test
  void loadingAMissingFileNamesIt() {
    var e =
        assertThrows(UncheckedIOException.class, () -> SpecFile.load(Path.of("no/such/x.yaml")));
    assertTrue(e.getMessage().startsWith("cannot read no/such/x.yaml"), e.getMessage());
  }
}
