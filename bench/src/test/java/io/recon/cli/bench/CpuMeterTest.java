package io.recon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
  @Test
  void readsTheTimesCountedFromTheLastParenthesisOfTheCommandName() {
    // A command name may hold spaces and parentheses: the fields are counted after its last ')'.
    String line =
        "4242 (postgres: bench (x) idle) S 17 4242 4242 0 -1 4194560 1083 0 0 0 250 75 12 3 20 0 1"
            + " 0 51177 222556160 3584 18446744073709551615 1 1 0 0 0 0 0 16781312 16384 0 0 0 17"
            + " 0 0 0 0 0 0";
    CpuMeter.Stat st = CpuMeter.Stat.parse(line);
    assertEquals(17, st.ppid());
    assertEquals(250 + 75, st.own());
    assertEquals(12 + 3, st.reaped());
  }

  @Test
  void readsThisProcessWhereProcExists() {
    if (!Files.isReadable(Path.of("/proc/self/stat"))) {
      return; // not Linux: the meter reports nothing, which the bench prints as such
    }
    var st = CpuMeter.Stat.read(ProcessHandle.current().pid());
    assertTrue(st.isPresent());
    assertEquals(
        ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L), st.get().ppid());
  }
}
