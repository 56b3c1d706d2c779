package io.recon.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code keys} query of a {@code feed.tables[]} entry: a read-only SELECT returning job keys,
 * with {@code :column} parameters that name columns of the captured table. A parameter is a {@code
 * :} directly followed by a name, outside strings, quoted identifiers and comments; {@code ::} (a
 * cast) is not one.
 */
public final class FeedKeys {
  /**
   * One {@code :name} in the query.
   *
   * @param offset where its {@code :} is
   * @param length the length of {@code :name}
   */
  public record Parameter(String name, int offset, int length) {}

  private FeedKeys() {}

  /**
   * The parameters in order of appearance (a name may repeat).
   *
   * @throws IllegalArgumentException if the query cannot be read to its end
   */
  public static List<Parameter> parameters(String sql) {
    List<SqlLexer.Token> tokens;
    try {
      tokens = SqlLexer.tokens(sql);
    } catch (SqlLexer.LexException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    var out = new ArrayList<Parameter>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      SqlLexer.Token colon = tokens.get(i);
      SqlLexer.Token name = tokens.get(i + 1);
      boolean cast = i > 0 && tokens.get(i - 1).is(":") && adjacent(tokens.get(i - 1), colon);
      if (colon.is(":") && !cast && name.kind() == SqlLexer.Kind.WORD && adjacent(colon, name)) {
        out.add(new Parameter(name.text(), colon.offset(), name.text().length() + 1));
        i++;
      }
    }
    return out;
  }

  /** The distinct parameter names, in order of first appearance. */
  public static List<String> names(String sql) {
    return parameters(sql).stream().map(Parameter::name).distinct().toList();
  }

  /** The query with each {@code :name} replaced by {@code replacement.apply(name)}. */
  public static String render(String sql, Function<String, String> replacement) {
    var out = new StringBuilder();
    int from = 0;
    for (Parameter p : parameters(sql)) {
      out.append(sql, from, p.offset()).append(replacement.apply(p.name()));
      from = p.offset() + p.length();
    }
    return out.append(sql.substring(from)).toString();
  }

  /**
   * Why {@code sql} cannot be the keys query of a job keyed by {@code keyColumns}, or empty: it
   * must be one read-only SELECT ({@link SourceQueryCheck}), bind at least one {@code :column}, and
   * return every key column by name (checked where jOOQ's parser can name the selected columns; a
   * {@code *} is checked by {@code recon spec check --connect}).
   */
  public static Optional<SourceQueryCheck.Problem> check(String sql, List<String> keyColumns) {
    Optional<SourceQueryCheck.Problem> readOnly = SourceQueryCheck.check(sql);
    if (readOnly.isPresent()) {
      return readOnly;
    }
    List<Parameter> parameters = parameters(sql);
    if (parameters.isEmpty()) {
      return Optional.of(
          new SourceQueryCheck.Problem(
              0,
              "binds no :column of the captured table, so every change would map to the same keys;"
                  + " use e.g. 'where address_id = :address_id'"));
    }
    Optional<List<String>> selected = JooqCheck.selectedNames(sql);
    if (selected.isPresent()) {
      for (String key : keyColumns) {
        if (selected.get().stream().noneMatch(key::equalsIgnoreCase)) {
          return Optional.of(
              new SourceQueryCheck.Problem(
                  0,
                  "returns no column named '"
                      + key
                      + "' (source.key); it selects "
                      + String.join(", ", selected.get())
                      + " (alias a column: 'select customer_id as "
                      + key
                      + " ...')"));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean adjacent(SqlLexer.Token a, SqlLexer.Token b) {
    return a.offset() + (a.kind() == SqlLexer.Kind.SYMBOL ? 1 : a.text().length()) == b.offset();
  }
}
