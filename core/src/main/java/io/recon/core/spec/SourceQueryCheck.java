package io.recon.core.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides statically that a {@code source.query} is one read-only SELECT, before anything runs it.
 *
 * <p>Two checks, both always applied. A PostgreSQL lexer (strings, {@code E''} escapes, dollar
 * quotes, quoted identifiers, nested comments) refuses stacked statements, a parenthesis that
 * closes the subquery recon wraps the query in, data-modifying words ({@code INSERT}, {@code
 * UPDATE}, {@code DELETE}, {@code MERGE}, {@code SELECT INTO}), row locks and calls of functions
 * with side effects. Then jOOQ's SQL parser (POSTGRES dialect) must see exactly one SELECT whose
 * common table expressions are SELECTs too. jOOQ's grammar does not cover all of PostgreSQL ({@code
 * AT TIME ZONE}, ordered aggregates such as {@code string_agg(x, ',' ORDER BY x)}, some operators):
 * a query it cannot parse is accepted on the lexical check alone, which is conservative: it never
 * lets a write through, at the price of refusing an unquoted column named like a refused word.
 *
 * <p>The check is a gate, not the only defence: every source connection and transaction is
 * read-only as well, so a query that got past it still could not write.
 */
public final class SourceQueryCheck {
  /**
   * Words that only data-modifying statements (or {@code SELECT INTO}, which creates a table) use.
   */
  private static final Set<String> WRITE_WORDS =
      Set.of("insert", "update", "delete", "merge", "into");

  /**
   * Row-locking clauses after {@code FOR}: they take locks on the source and need UPDATE rights.
   */
  private static final Set<String> LOCK_WORDS = Set.of("update", "share", "no", "key");

  /** Functions that change state although called from a SELECT. */
  private static final Set<String> SIDE_EFFECTS =
      Set.of(
          "set_config",
          "nextval",
          "setval",
          "pg_notify",
          "dblink",
          "dblink_exec",
          "dblink_send_query",
          "lo_import",
          "lo_export",
          "lo_unlink",
          "lo_create",
          "lo_creat",
          "lo_put",
          "lo_from_bytea",
          "pg_terminate_backend",
          "pg_cancel_backend",
          "pg_reload_conf",
          "pg_rotate_logfile",
          "pg_advisory_lock",
          "pg_advisory_xact_lock",
          "pg_try_advisory_lock",
          "pg_try_advisory_xact_lock",
          "pg_file_write",
          "pg_switch_wal",
          "txid_current",
          "pg_current_xact_id");

  /**
   * Why the query is refused, with the 0-based offset in it where the problem is.
   *
   * @param offset index into the query text
   */
  public record Problem(int offset, String message) {}

  private SourceQueryCheck() {}

  /** Empty if {@code sql} is one read-only SELECT, else the first problem found. */
  public static Optional<Problem> check(String sql) {
    if (sql == null || sql.isBlank()) {
      return Optional.of(new Problem(0, "the query is empty"));
    }
    List<SqlLexer.Token> tokens;
    try {
      tokens = SqlLexer.tokens(sql);
    } catch (SqlLexer.LexException e) {
      return Optional.of(new Problem(e.offset(), e.getMessage()));
    }
    Optional<Problem> lexical = lexical(tokens);
    if (lexical.isPresent()) {
      return lexical;
    }
    return JooqCheck.check(sql);
  }

  /**
   * As {@link #check}, for a spec that reached a worker without passing {@code SpecLoader}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static void require(String sql) {
    check(sql)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("source.query is refused: " + p.message());
            });
  }

  private static Optional<Problem> lexical(List<SqlLexer.Token> tokens) {
    int last = tokens.size();
    while (last > 0 && tokens.get(last - 1).is(";")) {
      last--;
    }
    if (last == 0) {
      return Optional.of(new Problem(0, "the query is empty"));
    }
    int depth = 0;
    SqlLexer.Token first = null;
    for (int i = 0; i < last; i++) {
      SqlLexer.Token t = tokens.get(i);
      if (first == null && !t.is("(")) {
        first = t;
        if (!(t.isWord("select") || t.isWord("with"))) {
          return Optional.of(
              new Problem(
                  t.offset(), "must be one SELECT (or WITH ... SELECT), not '" + t.text() + "'"));
        }
      }
      if (t.is(";")) {
        return Optional.of(
            new Problem(t.offset(), "';' starts a second statement; the query must be one SELECT"));
      }
      if (t.is("(")) {
        depth++;
      } else if (t.is(")") && --depth < 0) {
        return Optional.of(
            new Problem(
                t.offset(),
                "')' closes a parenthesis the query never opened: the query must stay inside the"
                    + " subquery recon wraps it in"));
      } else if (t.kind() == SqlLexer.Kind.QUOTED
          && SIDE_EFFECTS.contains(t.text())
          && i + 1 < last
          && tokens.get(i + 1).is("(")) {
        return Optional.of(
            new Problem(t.offset(), t.text() + "() has side effects; the query must only read"));
      } else if (t.kind() == SqlLexer.Kind.WORD) {
        String word = t.text().toLowerCase(Locale.ROOT);
        if (word.equals("for")
            && i + 1 < last
            && tokens.get(i + 1).kind() == SqlLexer.Kind.WORD
            && LOCK_WORDS.contains(tokens.get(i + 1).text().toLowerCase(Locale.ROOT))) {
          return Optional.of(
              new Problem(
                  t.offset(), "row locks (FOR UPDATE/SHARE) are refused: recon only reads"));
        }
        if (WRITE_WORDS.contains(word)) {
          return Optional.of(
              new Problem(
                  t.offset(),
                  "'"
                      + t.text()
                      + "' belongs to a data-modifying statement; the query must only read (quote"
                      + " a column of that name as \""
                      + t.text()
                      + "\")"));
        }
        if (SIDE_EFFECTS.contains(word) && i + 1 < last && tokens.get(i + 1).is("(")) {
          return Optional.of(
              new Problem(t.offset(), t.text() + "() has side effects; the query must only read"));
        }
      }
    }
    if (depth > 0) {
      return Optional.of(new Problem(tokens.get(last - 1).offset(), "a '(' is never closed"));
    }
    return Optional.empty();
  }
}
