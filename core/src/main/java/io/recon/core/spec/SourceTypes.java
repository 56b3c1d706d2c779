package io.recon.core.spec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which PostgreSQL column types each spec {@link FieldType} can compare: the types whose values the
 * source reader and the canonicalizer turn into that type. A column whose type is not among them (a
 * {@code text} column altered to {@code integer} under {@code type: string}) would make every row a
 * discrepancy; recon names it as {@code SCHEMA_DRIFT} instead. Type names are PostgreSQL's internal
 * ones, as JDBC metadata reports them ({@code int4}, {@code bpchar}, {@code timestamptz}); an array
 * type is its element's name prefixed by {@code _}.
 */
public final class SourceTypes {
  private static final List<String> TEXT =
      List.of("text", "varchar", "bpchar", "char", "name", "citext");
  private static final List<String> NUMBERS =
      List.of("int2", "int4", "int8", "numeric", "float4", "float8");

  private static final Map<FieldType, List<String>> ACCEPTED = new EnumMap<>(FieldType.class);

  static {
    ACCEPTED.put(FieldType.STRING, TEXT);
    ACCEPTED.put(FieldType.INTEGER, NUMBERS);
    ACCEPTED.put(FieldType.DECIMAL, NUMBERS);
    ACCEPTED.put(FieldType.DOUBLE, NUMBERS);
    ACCEPTED.put(FieldType.BOOLEAN, List.of("bool"));
    ACCEPTED.put(FieldType.TIMESTAMP, List.of("timestamp", "timestamptz", "date"));
    ACCEPTED.put(FieldType.DATE, List.of("date"));
    ACCEPTED.put(FieldType.UUID, concat(List.of("uuid"), TEXT));
    ACCEPTED.put(FieldType.JSON, concat(List.of("json", "jsonb"), TEXT));
  }

  /** Serial pseudo-types, should a driver ever report one, are their integer types. */
  private static final Map<String, String> ALIASES =
      Map.of("serial", "int4", "smallserial", "int2", "bigserial", "int8");

  private static final Set<FieldType> TAKE_ARRAYS = Set.of(FieldType.JSON);

  private SourceTypes() {}

  /** Whether a source column of PostgreSQL type {@code pgType} can be compared as {@code type}. */
  public static boolean accepts(FieldType type, String pgType) {
    String t =
        ALIASES.getOrDefault(pgType.toLowerCase(Locale.ROOT), pgType.toLowerCase(Locale.ROOT));
    if (t.startsWith("_")) {
      return TAKE_ARRAYS.contains(type);
    }
    return ACCEPTED.get(type).contains(t);
  }

  /** The types {@code type} accepts, for messages and docs: "text, varchar, ...". */
  public static String describe(FieldType type) {
    return String.join(", ", ACCEPTED.get(type))
        + (TAKE_ARRAYS.contains(type) ? " and any array type" : "");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
