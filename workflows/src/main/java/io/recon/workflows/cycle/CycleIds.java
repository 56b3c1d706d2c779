package io.recon.workflows.cycle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Workflow ids of cycles: {@code recon-<spec name>-<start time, UTC>}. */
public final class CycleIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * What a cycle id may be: 1 to 128 ASCII letters, digits, {@code .}, {@code _} and {@code -},
   * starting with a letter or digit. Ids are printed inside commands an operator pastes into a
   * shell; in this set no character means anything to a shell, and no id looks like an option.
   */
  public static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** The character set of {@link #SAFE}, as documented for {@code --id}. */
  public static final String SAFE_DESCRIPTION =
      "1-128 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";

  private CycleIds() {}

  /**
   * {@code id} if it is {@link #SAFE}.
   *
   * @throws IllegalArgumentException naming the id (escaped, so the message stays one line)
   */
  public static String requireSafe(String id) {
    if (id == null || !SAFE.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "cycle id " + quoted(id) + " is refused: an id is " + SAFE_DESCRIPTION);
    }
    return id;
  }

  // The refused id, printable: control and non-ASCII characters as escapes, cut at 64.
  private static String quoted(String id) {
    if (id == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < id.length() && i < 64; i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(id.length() > 64 ? "…'" : "'").toString();
  }

  /** The id of a cycle of {@code specName} started at {@code start}, to the second. */
  public static String of(String specName, Instant start) {
    return "recon-" + specName + "-" + FORMAT.format(start);
  }

  /** The id of the child workflow that compares one range of a cycle. */
  public static String partition(String cycleId, int rangeIndex) {
    return cycleId + "-range-" + rangeIndex;
  }
}
