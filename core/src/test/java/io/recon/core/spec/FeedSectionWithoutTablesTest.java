package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code feed:} section of a table source names no tables; reading it must not throw. */
class FeedSectionWithoutTablesTest {
  @Test
  void aFeedSectionWithoutTablesReadsWithNoTables() {
    JobSpec spec =
        SpecLoader.parse(
            """
            name: orders
            owner: ops
            source: { table: public.orders, key: [id] }
            target: { database: shop, collection: orders, key: [_id] }
            fields:
              - { source: status, target: status, type: string }
            feed: { window: 2s }
            """,
            "orders.yaml");
    assertEquals(Duration.ofSeconds(2), spec.feed().window());
    assertEquals(List.of(), spec.feed().tables());
  }
}
