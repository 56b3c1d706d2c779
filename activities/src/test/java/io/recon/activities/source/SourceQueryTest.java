package io.recon.activities.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.compare.KeyType;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.SourceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceQueryTest {
  private static final List<FieldSpec> FIELDS =
      List.of(FieldSpec.of("email", "email", FieldType.STRING));

  @Test
  void pagesByKeysetWithCollateCOnTextKeysOnly() {
    var q =
        new SourceQuery(
            new SourceSpec("public.orders", null, List.of("region", "id"), "updated_at"),
            FIELDS,
            List.of(KeyType.TEXT, KeyType.INTEGER));
    assertEquals(
        "select q.\"region\", q.\"id\", q.\"email\" from \"public\".\"orders\" q"
            + " where q.\"region\" is not null and q.\"id\" is not null"
            + " and (q.\"region\" collate \"C\", q.\"id\") >= (?, ?)"
            + " and (q.\"region\" collate \"C\", q.\"id\") < (?, ?)"
            + " and q.\"updated_at\" >= ?"
            + " order by q.\"region\" collate \"C\", q.\"id\" limit ?",
        q.page(true, true, true));
  }

  @Test
  void openBoundsAddOnlyTheNotNullKeyPredicate() {
    var q =
        new SourceQuery(
            new SourceSpec("customers", null, List.of("id"), null), FIELDS, List.of(KeyType.UUID));
    assertEquals(
        "select q.\"id\", q.\"email\" from \"customers\" q where q.\"id\" is not null"
            + " order by q.\"id\" limit ?",
        q.page(false, false, false));
  }

  @Test
  void wrapsAQueryAsASubselectWithoutItsSemicolon() {
    var source = new SourceSpec(null, "select * from a join b using (id);  ", List.of("id"), null);
    assertEquals(
        "select * from (select * from a join b using (id)\n) q limit 0", SourceQuery.probe(source));
  }

  @Test
  void aTrailingLineCommentCannotSwallowTheClausesReconAppends() {
    var source = new SourceSpec(null, "select id from a -- the ids", List.of("id"), null);
    String page = new SourceQuery(source, FIELDS, List.of(KeyType.INTEGER)).page(true, true, false);
    assertTrue(page.contains("-- the ids\n) q where"), page);
  }

  @Test
  void selectsCompositeKeysByTupleIn() {
    var q =
        new SourceQuery(
            new SourceSpec("t", null, List.of("a", "b"), null),
            FIELDS,
            List.of(KeyType.TEXT, KeyType.INTEGER));
    assertEquals(
        "select q.\"a\", q.\"b\", q.\"email\" from \"t\" q where (q.\"a\", q.\"b\") in ((?, ?), (?, ?))",
        q.byKeys(2));
  }

  @Test
  void boundariesNumberRowsInKeyOrder() {
    var q =
        new SourceQuery(
            new SourceSpec("t", null, List.of("name"), "ts"), FIELDS, List.of(KeyType.TEXT));
    assertEquals(
        "select k0 from (select q.\"name\" as k0, row_number() over (order by q.\"name\" collate \"C\")"
            + " as recon_rn from \"t\" q where q.\"name\" is not null and q.\"ts\" >= ?) b"
            + " where recon_rn > 1 and (recon_rn - 1) % ? = 0 order by recon_rn",
        q.boundaries(true));
  }

  @Test
  void nullKeysGroupsEveryKeyWithANullPartWhateverTheWatermark() {
    var q =
        new SourceQuery(
            new SourceSpec("t", null, List.of("a", "b"), "ts"),
            FIELDS,
            List.of(KeyType.TEXT, KeyType.INTEGER));
    assertEquals(
        "select q.\"a\", q.\"b\", count(*) from \"t\" q where q.\"a\" is null or q.\"b\" is null"
            + " group by q.\"a\", q.\"b\" order by q.\"a\" collate \"C\", q.\"b\"",
        q.nullKeys());
  }

  @Test
  void quotesIdentifiersAndRejectsInjection() {
    assertEquals("\"Mixed Case\"", SqlNames.quote("Mixed Case"));
    assertThrows(IllegalArgumentException.class, () -> SqlNames.quote("x\"; drop table t; --"));
    assertThrows(IllegalArgumentException.class, () -> SqlNames.quote(""));
    assertThrows(IllegalArgumentException.class, () -> SqlNames.qualified("a.b.c"));
    assertEquals("\"s\".\"t\"", SqlNames.qualified("s.t"));
  }
}
