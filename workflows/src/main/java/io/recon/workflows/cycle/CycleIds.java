package io.recon.workflows.cycle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Workflow ids of cycles: {@code recon-<spec name>-<start, UTC, to the millisecond>-<8 random
 * base32>}, for example {@code recon-orders-20261201T121632.123Z-0k7f3m9q}. Ids of one job sort by
 * their start at millisecond resolution; the suffix, 40 random bits in an alphabet that sorts as
 * its values do, keeps two starts in the same millisecond apart. Ids of the older format, {@code
 * recon-<spec name>-<start, UTC, to the second>}, stay valid wherever an id is read.
 */
public final class CycleIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Crockford's base32 in lower case: no {@code i}, {@code l}, {@code o} or {@code u} to misread,
   * and in ascending ASCII order, so the suffixes sort as the numbers they encode.
   */
  private static final String BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

  /** How many random bits the suffix holds: 8 base32 characters. */
  public static final int RANDOM_BITS = 40;

  /** The largest suffix value, {@code 2^40 - 1}. */
  public static final long MAX_RANDOM = (1L << RANDOM_BITS) - 1;

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

  /**
   * The id of a cycle of {@code specName} started at {@code start}, with the low {@value
   * #RANDOM_BITS} bits of {@code random} as its suffix. Workflow code passes {@code
   * Workflow.randomUUID().getLeastSignificantBits()}; a client passes a {@code SecureRandom}'s, or
   * uses the starter's {@code CycleIdGenerator}, which also orders ids started in one millisecond.
   */
  public static String of(String specName, Instant start, long random) {
    return "recon-" + specName + "-" + FORMAT.format(start) + "-" + base32(random & MAX_RANDOM);
  }

  /**
   * The id under the format before {@link #of(String, Instant, long)}: to the second, without a
   * suffix. Only workflow code that must replay histories written before the change uses it.
   */
  public static String ofSecond(String specName, Instant start) {
    return "recon-" + specName + "-" + SECONDS.format(start);
  }

  private static String base32(long value) {
    char[] out = new char[RANDOM_BITS / 5];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = BASE32.charAt((int) (value & 31));
      value >>>= 5;
    }
    return new String(out);
  }

  /** The id of the child workflow that compares one range of a cycle. */
  public static String partition(String cycleId, int rangeIndex) {
    return cycleId + "-range-" + rangeIndex;
  }
}
