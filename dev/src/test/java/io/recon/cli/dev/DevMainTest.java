package io.recon.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevMainTest {

  @Test
  void devKitHelpListsTheProductionCommandsAndTheDevKitOnes() {
    CommandLine cl = DevMain.commandLine(new CliContext(Map.of()));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--help"));
    for (String sub :
        new String[] {"worker", "migrate", "run", "audit", "dev", "demo", "bench", "chaos"}) {
      assertTrue(out.toString().contains("  " + sub + " "), sub + " missing from:\n" + out);
    }
  }

  @Test
  void devKitCommandsAreTheRealOnesNotTheProductionPlaceholders() {
    CommandLine cl = DevMain.commandLine(new CliContext(Map.of()));
    for (String sub : new String[] {"dev", "demo", "bench", "chaos"}) {
      CommandLine command = cl.getSubcommands().get(sub);
      assertNotEquals("DevKitCommand", command.getCommand().getClass().getSimpleName(), sub);
      assertFalse(command.getCommandSpec().usageMessage().hidden(), sub + " is hidden");
    }
  }
}
