package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.ConfigVar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code recon --help} ends with the configuration catalogue: every variable, once, no value. */
class HelpFooterTest {
  private static final Pattern VARIABLE =
      Pattern.compile("^  ((?:RECON|TEMPORAL|OTEL)_[A-Z0-9_]+) ");

  private static String help(Map<String, String> env) {
    CommandLine cl = ReconCommand.commandLine(new CliContext(env));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--help"));
    return out.toString();
  }

  @Test
  void theFooterListsEveryCatalogueVariableOnceInCatalogueOrder() {
    String help = help(Map.of());
    String footer = help.substring(help.indexOf("Environment (details: docs/operations.md"));
    List<String> listed = new ArrayList<>();
    for (String line : footer.lines().toList()) {
      Matcher m = VARIABLE.matcher(line);
      if (m.find()) {
        listed.add(m.group(1));
      }
    }
    assertEquals(Arrays.stream(ConfigVar.values()).map(Enum::name).toList(), listed, footer);
    String words = footer.replaceAll("\\s+", " ");
    assertTrue(words.contains("Temporal frontend (host:port) [default: 127.0.0.1:7233]"), footer);
    assertTrue(words.contains("password of the source (secret) RECON_STORE_URL"), footer);
    assertTrue(footer.lines().allMatch(l -> l.length() <= 80), footer);
  }

  @Test
  void theFooterNeverShowsAValueThatIsSet() {
    String secret = "c2VjcmV0LXZhbHVlLW5ldmVyLXByaW50ZWQtMDEyMzQ1";
    String help =
        help(
            Map.of(
                "RECON_PAYLOAD_KEY", secret,
                "RECON_SOURCE_PASSWORD", secret,
                "RECON_MONGO_URI", "mongodb://u:" + secret + "@db:27017"));
    assertFalse(help.contains(secret), help);
  }
}
