package io.recon.core.spec;

import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Queries;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.ParserException;

/**
 * The parser half of {@link SourceQueryCheck}: jOOQ's SQL parser in its PostgreSQL dialect. It is
 * its own class so that jOOQ is loaded only for specs with a query.
 */
final class JooqCheck {
  static {
    // jOOQ prints a banner and a tip on first use; a spec check must print only its verdict.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private static final DSLContext PARSER =
      DSL.using(
          SQLDialect.POSTGRES,
          new Settings()
              .withParseDialect(SQLDialect.POSTGRES)
              .withParseUnknownFunctions(ParseUnknownFunctions.IGNORE));

  private JooqCheck() {}

  /**
   * A problem if jOOQ parses {@code sql} into anything but one SELECT whose common table
   * expressions are all SELECTs; empty if it does, or if jOOQ's grammar cannot parse the query (the
   * lexical check then decides alone, see {@link SourceQueryCheck}).
   */
  static Optional<SourceQueryCheck.Problem> check(String sql) {
    Queries queries;
    try {
      queries = PARSER.parser().parse(sql);
    } catch (ParserException e) {
      return Optional.empty();
    }
    Query[] all = queries.queries();
    if (all.length != 1) {
      return Optional.of(
          new SourceQueryCheck.Problem(
              0, "parses as " + all.length + " statements; the query must be one SELECT"));
    }
    if (!(all[0] instanceof Select<?> select)) {
      return Optional.of(
          new SourceQueryCheck.Problem(
              0, "parses as " + kind(all[0]) + ", not a SELECT; the query must only read"));
    }
    if (select.$intoTable() != null) {
      return Optional.of(
          new SourceQueryCheck.Problem(0, "SELECT INTO creates a table; the query must only read"));
    }
    if (select.$with() != null) {
      for (CommonTableExpression<?> cte : select.$with().$commonTableExpressions()) {
        if (!(cte.$query() instanceof Select<?>)) {
          return Optional.of(
              new SourceQueryCheck.Problem(
                  Math.max(0, sql.indexOf(cte.getName())),
                  "the common table expression "
                      + cte.getName()
                      + " is "
                      + kind(cte.$query())
                      + "; a WITH query must only read"));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The names of the columns a SELECT returns, as jOOQ's parser sees them (an alias, or a column's
   * own name); empty when it cannot tell: a {@code *}, an expression without an alias, or a query
   * its grammar does not cover.
   */
  static Optional<java.util.List<String>> selectedNames(String sql) {
    try {
      Query[] all = PARSER.parser().parse(sql).queries();
      if (all.length != 1 || !(all[0] instanceof Select<?> select)) {
        return Optional.empty();
      }
      var names = new java.util.ArrayList<String>();
      for (org.jooq.SelectFieldOrAsterisk f : select.$select()) {
        if (!(f instanceof org.jooq.Field<?> field) || field.getName().isEmpty()) {
          return Optional.empty();
        }
        names.add(field.getName());
      }
      return names.isEmpty() ? Optional.empty() : Optional.of(names);
    } catch (ParserException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static String kind(Object query) {
    String name = query.getClass().getSimpleName().replace("Impl", "").replace("Query", "");
    return "a " + name.toUpperCase(java.util.Locale.ROOT) + " statement";
  }
}
