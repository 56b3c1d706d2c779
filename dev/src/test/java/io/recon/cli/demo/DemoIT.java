package io.recon.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.cli.CliContext;
import io.recon.cli.dev.DevMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command, run as CI runs it: its own verdict is the acceptance check. */
class DemoIT {

  @Test
  void demoFindsEveryPlantedDivergenceKeepsTheNoiseQuietAndVerifiesEveryRepair() {
    CommandLine cl = DevMain.commandLine(new CliContext(Map.of()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    int exit = cl.execute("demo");
    double seconds = (System.nanoTime() - start) / 1e9;
    String text = out + "\n" + err;
    assertEquals(0, exit, text);
    assertTrue(out.toString().contains("recon demo: PASSED"), text);
    for (int step = 1; step <= 7; step++) {
      assertTrue(
          out.toString().contains("Step " + step + "/7"), "step " + step + " missing:\n" + text);
    }
    // Printed, not asserted: a timing is a benchmark's job, not a test's.
    System.out.printf("recon demo took %.1f s%n", seconds);
  }
}
