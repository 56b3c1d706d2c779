package io.recon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JstatGcTest {
  // Verbatim from `jstat -gc <pid> 250` on JDK 17 with G1.
  private static final String HEADER =
      "    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT   ";
  private static final String LINE =
      "        0.0      4096.0         0.0      4096.0     73728.0      30720.0     184320.0      28953.5    40576.0    39919.1    5248.0    4950.3      9     0.046     0      0.000     4     0.004     0.050";

  @Test
  void usedHeapIsSurvivorsEdenAndOldInKilobytes() {
    JstatGc s = JstatGc.parse(JstatGc.header(HEADER), LINE).orElseThrow();
    assertEquals(0.0 + 4096.0 + 30720.0 + 28953.5, s.usedKb(), 1e-9);
    assertEquals(28953.5, s.oldKb(), 1e-9);
    assertEquals(9, s.youngGcs());
    assertEquals(0, s.fullGcs());
    assertEquals(0.050, s.gcSeconds(), 1e-9);
  }

  @Test
  void aDashCountsAsZeroForASpaceTheCollectorLacks() {
    String line = LINE.replaceFirst("0\\.0", "-");
    assertTrue(JstatGc.parse(JstatGc.header(HEADER), line).isPresent());
  }

  @Test
  void headersBlanksAndLinesBeforeTheHeaderAreNotSamples() {
    assertTrue(JstatGc.isHeader(HEADER));
    assertTrue(JstatGc.parse(JstatGc.header(HEADER), HEADER).isEmpty());
    assertTrue(JstatGc.parse(JstatGc.header(HEADER), "").isEmpty());
    assertTrue(JstatGc.parse(null, LINE).isEmpty());
    assertTrue(JstatGc.parse(JstatGc.header(HEADER), "12345 not found").isEmpty());
  }
}
