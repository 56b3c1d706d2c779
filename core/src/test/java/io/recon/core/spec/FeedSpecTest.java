package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedSpecTest {
  private static final String TABLE_SOURCE =
      "name: customer-feed\nowner: o\n"
          + "source: {table: customer, key: [id]}\n"
          + "target: {database: d, collection: c, key: [_id]}\n"
          + "fields:\n  - {source: a, target: a, type: string}\n";
  private static final String QUERY_SOURCE =
      "name: customer-feed\nowner: o\n"
          + "source:\n"
          + "  query: select c.id, a.city from customer c join address a using (address_id)\n"
          + "  key: [id]\n"
          + "target: {database: d, collection: c, key: [_id]}\n"
          + "fields:\n  - {source: city, target: city, type: string}\n";

  private static SpecCheckResult check(String yaml) {
    return SpecCheck.run(yaml, "feed.yaml");
  }

  private static void assertProblem(String yaml, String expected) {
    SpecCheckResult result = check(yaml);
    assertEquals(SpecCheck.INVALID, result.exitCode(), result.report());
    assertTrue(
        result.report().contains(expected), "expected <" + expected + "> in:\n" + result.report());
  }

  @Test
  void aTableSourceNeedsNoFeedTablesAndTakesTheDefaultNames() {
    JobSpec spec = SpecLoader.parse(TABLE_SOURCE + "feed: {window: 2s, batch: 500}\n", "f.yaml");
    assertEquals(Duration.ofSeconds(2), spec.feed().window());
    assertEquals(500, spec.feed().batch());
    assertEquals("recon_customer_feed", spec.feed().slotName(spec.name()));
    assertEquals("recon_customer_feed", spec.feed().publicationName(spec.name()));
    assertEquals(List.of(), spec.feed().tables());
  }

  @Test
  void cyclesDefaultsToThreeAndDividesTheWindowIntoSlicesOfAtLeastASecond() {
    JobSpec unset = SpecLoader.parse(TABLE_SOURCE + "feed: {window: 6s}\n", "f.yaml");
    assertEquals(3, unset.feed().cyclesInFlight());
    assertEquals(null, unset.feed().cycles());
    assertEquals(Duration.ofSeconds(2), unset.feed().slice());
    JobSpec two = SpecLoader.parse(TABLE_SOURCE + "feed: {window: 5s, cycles: 2}\n", "f.yaml");
    assertEquals(Duration.ofMillis(2500), two.feed().slice());
    JobSpec three = SpecLoader.parse(TABLE_SOURCE + "feed: {window: 2s, cycles: 3}\n", "f.yaml");
    assertEquals(3, three.feed().cyclesInFlight());
    assertEquals(Duration.ofSeconds(1), three.feed().slice());
    JobSpec one = SpecLoader.parse(TABLE_SOURCE + "feed: {window: 5s, cycles: 1}\n", "f.yaml");
    assertEquals(Duration.ofSeconds(5), one.feed().slice());
    JobSpec short_ =
        SpecLoader.parse(TABLE_SOURCE + "feed: {window: 500ms, cycles: 4}\n", "f.yaml");
    assertEquals(Duration.ofMillis(500), short_.feed().slice());
  }

  @Test
  void cyclesOutOfRangeIsRefusedAtItsKey() {
    assertProblem(TABLE_SOURCE + "feed: {cycles: 0}\n", "feed.cycles");
    assertProblem(TABLE_SOURCE + "feed: {cycles: 9}\n", "must be <= 8, got 9");
    assertProblem(TABLE_SOURCE + "feed: {cycles: two}\n", "expected a whole number, got 'two'");
  }

  @Test
  void aSpecThatDoesNotSetCyclesKeepsTheHashItHadBeforeTheKeyExisted() throws Exception {
    JobSpec unset = SpecLoader.parse(TABLE_SOURCE + "feed: {window: 2s}\n", "f.yaml");
    JobSpec set = SpecLoader.parse(TABLE_SOURCE + "feed: {window: 2s, cycles: 2}\n", "f.yaml");
    String json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .writeValueAsString(unset.feed());
    assertTrue(!json.contains("cycles"), json);
    // Same effective settings, but written differently: the hash says what was written.
    assertTrue(!unset.canonicalHash().equals(set.canonicalHash()));
  }

  @Test
  void aQuerySourceMapsEachCapturedTableToKeys() {
    JobSpec spec =
        SpecLoader.parse(
            QUERY_SOURCE
                + "feed:\n  tables:\n"
                + "    - {table: customer, keys: 'select :id as id'}\n"
                + "    - table: public.address\n"
                + "      keys: select id from customer where address_id = :address_id\n",
            "f.yaml");
    assertEquals(2, spec.feed().tables().size());
    assertEquals("public.address", spec.feed().tables().get(1).table());
  }

  @Test
  void aQuerySourceWithoutFeedTablesIsRefusedAtTheFeedKey() {
    assertProblem(
        QUERY_SOURCE + "feed: {window: 5s}\n",
        "feed.yaml:9:7: feed.tables: a query source needs feed.tables");
  }

  @Test
  void aSpecWithoutFeedIsNotCheckedForOne() {
    assertEquals(SpecCheck.OK, check(QUERY_SOURCE).exitCode());
  }

  @Test
  void keysMustBeOneReadOnlySelectThatBindsAColumnAndReturnsTheKey() {
    String feed = "feed:\n  tables:\n    - table: address\n      keys: ";
    assertProblem(
        QUERY_SOURCE + feed + "delete from customer where address_id = :address_id\n",
        "feed.yaml:12:13: feed.tables[0].keys: must be one SELECT");
    assertProblem(
        QUERY_SOURCE + feed + "select id from customer\n",
        "feed.tables[0].keys: binds no :column of the captured table");
    assertProblem(
        QUERY_SOURCE + feed + "select customer_id from orders where address_id = :address_id\n",
        "feed.tables[0].keys: returns no column named 'id' (source.key); it selects customer_id");
    assertEquals(
        SpecCheck.OK,
        check(QUERY_SOURCE + feed + "select * from customer where address_id = :address_id\n")
            .exitCode());
  }

  @Test
  void slotPublicationAndTableNamesArePostgresNamesAndTablesAreCapturedOnce() {
    assertProblem(TABLE_SOURCE + "feed: {slot: Bad-Slot}\n", "feed.slot: 'Bad-Slot' must match");
    assertProblem(
        TABLE_SOURCE + "feed: {publication: 'x;drop'}\n", "feed.publication: 'x;drop' must match");
    assertProblem(
        TABLE_SOURCE
            + "feed:\n  tables:\n"
            + "    - {table: address, keys: 'select :a as id'}\n"
            + "    - {table: address, keys: 'select :b as id'}\n",
        "feed.tables[1].table: table 'address' is already captured by feed.tables[0]");
    assertProblem(
        TABLE_SOURCE + "feed:\n  tables: [{table: '\"x\"', keys: 'select :a as id'}]\n",
        "feed.tables[0].table: '\"x\"' must be 'table' or 'schema.table'");
    String longName = "n".repeat(60);
    assertProblem(
        TABLE_SOURCE.replace("customer-feed", longName) + "feed: {}\n",
        "feed.slot: the default slot name 'recon_" + longName + "' is longer than 63 characters");
  }

  @Test
  void parametersAreColonNamesOutsideStringsCommentsAndCasts() {
    String sql =
        "select id::int as id from customer -- :not\n"
            + " where address_id = :address_id and note <> ':no' and x = :x and y = :address_id";
    assertEquals(List.of("address_id", "x"), FeedKeys.names(sql));
    assertEquals(
        "select id::int as id from customer -- :not\n"
            + " where address_id = P(address_id) and note <> ':no' and x = P(x) and y ="
            + " P(address_id)",
        FeedKeys.render(sql, n -> "P(" + n + ")"));
  }
}
