package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceQueryCheckTest {
  /** The demo's query, verbatim. */
  static final String DEMO =
      "select c.id, c.email, c.full_name, c.tier, c.balance, c.updated_at,\n"
          + "       json_build_object('street', a.street, 'city', a.city, 'zip', a.zip) as address,\n"
          + "       coalesce((select json_agg(json_build_object('order_id', o.id, 'total', o.total)\n"
          + "                                 order by o.id)\n"
          + "                   from orders o where o.customer_id = c.id), '[]'::json) as orders\n"
          + "from customers c join addresses a on a.customer_id = c.id\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        DEMO,
        "select * from customers",
        "select * from customers;",
        "SELECT id FROM t;;  ",
        "(select id from t)",
        "with a as (select 1 as id) select * from a",
        "with recursive r(id) as (select 1 union all select id + 1 from r where id < 9) select id from r",
        "select id, row_number() over (partition by g order by id) rn, x::text, y::numeric(10,2) from t",
        "select t.id, l.v from t cross join lateral (select max(v) v from u where u.t = t.id) l",
        "select id, jsonb_agg(x) filter (where x > 0) from t group by id",
        "select id, string_agg(name, ',' order by name) from t group by id",
        "select id, date_trunc('day', ts at time zone 'UTC') d from t",
        "select id, j #>> '{a,b}' as v, arr @> array[1] as has from t",
        "select id, 'delete from t; drop table t' as note from t",
        "select id, $$ insert into x; $$ as s, $q$ ) ; $q$ as s2 from t",
        "select id, E'it\\'s; update' as s from t",
        "select \"update\", \"delete\", \"into\" from t -- update t set x = 1; drop table t",
        "select id /* delete; /* nested */ ) */ from t",
        "select distinct on (id) id, x from t order by id, x desc",
        "select id, substring(name from 1 for 3) from t",
        "select id from t where id = any($1)",
        "select u.id, to_jsonb(u) - 'password' as doc from users u",
        "select id from t -- a trailing comment",
      })
  void realReadQueriesPass(String sql) {
    assertEquals(Optional.empty(), SourceQueryCheck.check(sql), sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "with d as (delete from canary returning id) select id from d",
        "with d as (insert into canary values (1) returning id) select id from d",
        "with d as (update canary set id = 1 returning id) select id from d",
        "WITH d AS (MERGE INTO canary c USING t ON c.id = t.id WHEN MATCHED THEN DELETE) SELECT 1",
        "select * from (with d as (delete from canary returning id) select id from d) z",
        "select 1 as id) q; delete from canary; select * from (select 1 as id",
        "select 1 as id; delete from canary",
        "select 1 as id; commit; set default_transaction_read_only = off",
        "select 1 as id) q union all select id from canary where (true",
        "select * from t for update",
        "select * from t for no key update",
        "select * from t for share",
        "select * into evil from t",
        "select set_config('default_transaction_read_only', 'off', false) as id",
        "select pg_catalog.set_config('x', 'y', false) as id",
        "select \"set_config\"('x', 'y', false) as id",
        "select nextval('s') as id",
        "select dblink_exec('host=x', 'delete from canary') as id",
        "delete from canary returning id",
        "update canary set id = 2 returning id",
        "values (1)",
        "table canary",
        "truncate canary",
        "select 'unterminated from t",
        "select id from t /* unterminated",
        "select (id from t",
        "",
        "  ;  ",
      })
  void writesStackedStatementsAndWrapperEscapesAreRefused(String sql) {
    assertTrue(SourceQueryCheck.check(sql).isPresent(), sql);
  }

  @Test
  void theProblemPointsAtTheOffendingText() {
    String sql = "select 1 as id) q; delete from canary; select * from (select 1 as id";
    SourceQueryCheck.Problem p = SourceQueryCheck.check(sql).orElseThrow();
    assertEquals(sql.indexOf(')'), p.offset());
    assertTrue(p.message().contains("subquery recon wraps it in"), p.message());

    String cte = "with d as (delete from canary returning id) select id from d";
    assertEquals(cte.indexOf("delete"), SourceQueryCheck.check(cte).orElseThrow().offset());
  }

  @Test
  void requireNamesTheKeyAndTheReason() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> SourceQueryCheck.require("select 1; select 2"));
    assertTrue(e.getMessage().startsWith("source.query is refused: ';'"), e.getMessage());
  }
}
