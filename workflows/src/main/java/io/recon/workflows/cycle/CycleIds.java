package io.recon.workflows.cycle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Workflow ids of cycles: {@code recon-<spec name>-<start time, UTC>}. */
public final class CycleIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private CycleIds() {}

  /** The id of a cycle of {@code specName} started at {@code start}, to the second. */
  public static String of(String specName, Instant start) {
    return "recon-" + specName + "-" + FORMAT.format(start);
  }

  /** The id of the child workflow that compares one range of a cycle. */
  public static String partition(String cycleId, int rangeIndex) {
    return cycleId + "-range-" + rangeIndex;
  }
}
