package io.recon.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One sample of {@code jstat -gc}: used heap is S0U + S1U + EU + OU (KB), the live young and old
 * spaces; metaspace is not heap. Columns are found by name in the header, because their order and
 * number differ between JDK versions.
 */
record JstatGc(double usedKb, double oldKb, long youngGcs, long fullGcs, double gcSeconds) {

  private static final List<String> USED = List.of("S0U", "S1U", "EU", "OU");

  /** The sample on {@code line}, or empty for a header, a blank or a line that does not parse. */
  static Optional<JstatGc> parse(String[] header, String line) {
    String[] values = line.trim().split("\\s+");
    if (header == null || values.length != header.length || isHeader(line)) {
      return Optional.empty();
    }
    try {
      double used = 0;
      for (String column : USED) {
        used += number(header, values, column);
      }
      return Optional.of(
          new JstatGc(
              used,
              number(header, values, "OU"),
              (long) number(header, values, "YGC"),
              (long) number(header, values, "FGC"),
              number(header, values, "GCT")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static boolean isHeader(String line) {
    return line.trim().startsWith("S0C");
  }

  static String[] header(String line) {
    return line.trim().split("\\s+");
  }

  private static double number(String[] header, String[] values, String column) {
    int i = Arrays.asList(header).indexOf(column);
    if (i < 0) {
      throw new NumberFormatException("no column " + column);
    }
    // jstat prints "-" for a space the collector does not have.
    return values[i].equals("-") ? 0 : Double.parseDouble(values[i]);
  }
}
