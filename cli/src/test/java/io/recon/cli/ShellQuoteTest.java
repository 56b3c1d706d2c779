package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.ReconConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every word recon prints for a shell reaches the command intact, and nothing else runs. */
class ShellQuoteTest {
  static final List<String> HOSTILE =
      List.of(
          "x; touch pwned #",
          "$(touch pwned)",
          "`touch pwned`",
          "it's; touch pwned",
          "'; touch pwned; '",
          "a\nb; touch pwned",
          "*",
          "~root",
          "a b\tc",
          "!!",
          "${HOME}",
          "--help",
          "",
          "back\\slash",
          "\"double\"",
          "é€😀",
          "recon-customer-profiles-20261201T092100Z");

  @Test
  void quotedWordsRoundTripThroughBashAndRunNothing(@TempDir Path dir) throws Exception {
    for (String word : HOSTILE) {
      // printf prints each argument between markers, so word boundaries show too.
      String script = "printf '<%s>' " + ShellQuote.quote(word) + " " + ShellQuote.quote(word);
      assertEquals("<" + word + "><" + word + ">", bash(dir, script), word);
    }
    assertFalse(Files.exists(dir.resolve("pwned")), "a quoted word ran a command");
  }

  @Test
  void plainWordsStayReadable() {
    assertEquals("recon-a-20261201T092100Z", ShellQuote.quote("recon-a-20261201T092100Z"));
    assertEquals("localhost:7233", ShellQuote.quote("localhost:7233"));
    assertEquals("'x; touch f #'", ShellQuote.quote("x; touch f #"));
    assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
  }

  @Test
  void thePrintedSignalCommandPassesEveryWordIntact(@TempDir Path dir) throws Exception {
    var env = Map.of("TEMPORAL_ADDRESS", "host:7233", "TEMPORAL_NAMESPACE", "ns $(touch pwned)");
    String line = Outcomes.temporalSignal("x; touch pwned #", ReconConfig.fromEnv(env));
    assertTrue(line.startsWith("temporal workflow signal --address host:7233"), line);
    // The same words, printed one per marker instead of run by temporal.
    String script = "printf '<%s>' " + line.substring("temporal workflow signal ".length());
    assertEquals(
        "<--address><host:7233><--namespace><ns $(touch pwned)><--workflow-id><x; touch pwned #>"
            + "<--name><approve><--input><{\"approver\": \"NAME\", \"reason\": \"TEXT\"}>",
        bash(dir, script));
    assertFalse(Files.exists(dir.resolve("pwned")));
  }

  private static String bash(Path dir, String script) throws IOException, InterruptedException {
    var command = new ArrayList<>(List.of("bash", "-c", script));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
