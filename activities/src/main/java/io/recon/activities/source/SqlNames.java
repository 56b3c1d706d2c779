package io.recon.activities.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates and quotes the identifiers a spec names. Identifiers are the only spec text spliced
 * into SQL besides {@code source.query} itself; every value is bound.
 */
public final class SqlNames {
  // PostgreSQL's identifier length limit is 63 bytes; quotes and NULs cannot be quoted safely.
  private static final Pattern IDENTIFIER = Pattern.compile("[^\"\\x00]{1,63}");

  private SqlNames() {}

  /** {@code name} as a quoted identifier, case preserved. */
  public static String quote(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches() || !name.strip().equals(name)) {
      throw new IllegalArgumentException(
          "not a usable SQL identifier: '" + name + "' (1-63 characters, no quotes or NUL)");
    }
    return '"' + name + '"';
  }

  /** A table name, optionally schema-qualified ({@code schema.table}), quoted part by part. */
  public static String qualified(String table) {
    List<String> quoted = new ArrayList<>();
    for (String part : table.strip().split("\\.", -1)) {
      quoted.add(quote(part));
    }
    if (quoted.size() > 2) {
      throw new IllegalArgumentException("table must be 'table' or 'schema.table', not " + table);
    }
    return String.join(".", quoted);
  }
}
