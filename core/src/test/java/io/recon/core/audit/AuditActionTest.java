package io.recon.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuditActionTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.+?) \\|\\s*$");

  /** The rows of the table under "### Audit actions" in docs/operations.md: action to meaning. */
  private static Map<String, String> documented() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/operations.md"))) {
      dir = dir.getParent();
    }
    assertTrue(dir != null, "docs/operations.md not found above " + Path.of("").toAbsolutePath());
    List<String> lines = Files.readAllLines(dir.resolve("docs/operations.md"));
    int start = lines.indexOf("### Audit actions");
    assertTrue(start >= 0, "docs/operations.md has no '### Audit actions' section");
    Map<String, String> rows = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      if (line.startsWith("|")) {
        inTable = true;
        Matcher m = ROW.matcher(line);
        if (m.matches()) {
          assertFalse(rows.containsKey(m.group(1)), "listed twice: " + m.group(1));
          rows.put(m.group(1), m.group(2));
        }
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  @Test
  void theOperationsTableListsExactlyTheEnumsActionsWithTheirMeanings() throws IOException {
    Map<String, String> doc = documented();
    var missing = new TreeSet<String>();
    for (AuditAction a : AuditAction.values()) {
      if (!doc.containsKey(a.text())) {
        missing.add(a.text());
      }
    }
    var extra = new TreeSet<>(doc.keySet());
    Arrays.stream(AuditAction.values()).map(AuditAction::text).forEach(extra::remove);
    assertTrue(missing.isEmpty(), "audit actions missing from docs/operations.md: " + missing);
    assertTrue(extra.isEmpty(), "docs/operations.md lists actions the enum lacks: " + extra);
    for (AuditAction a : AuditAction.values()) {
      assertEquals(a.meaning(), doc.get(a.text()), "meaning of " + a.text());
    }
  }

  @Test
  void eachActionHasOneStoredTextAndReadsBackFromIt() {
    var texts = new TreeSet<String>();
    for (AuditAction a : AuditAction.values()) {
      assertTrue(texts.add(a.text()), "two actions store " + a.text());
      assertTrue(a.text().matches("[a-z]+\\.[a-z_]+"), a.text());
      assertEquals(Optional.of(a), AuditAction.fromText(a.text()));
      assertFalse(a.meaning().isBlank(), a.name());
    }
    assertEquals(Optional.empty(), AuditAction.fromText("cycle.exploded"));
  }
}
