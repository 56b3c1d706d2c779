package io.recon.cli.demo;

import com.mongodb.client.MongoCollection;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The demo's data: customers with addresses and orders in PostgreSQL, and their denormalized
 * profiles in MongoDB, with divergences of every kind planted at known ids, noise that must stay
 * quiet, and a few documents the "sync pipeline" fixes while the cycle waits to recheck.
 */
public final class DemoDataset {
  public static final int CUSTOMERS = 10_000;
  private static final String[] TIERS = {"free", "silver", "gold"};
  private static final String[] CITIES = {"Lisbon", "Oslo", "Austin", "Osaka", "Lyon"};
  private static final Instant EPOCH = Instant.parse("2026-11-01T08:00:00Z");

  // Planted divergences, by the field that differs.
  public static final Set<Long> TIER = range(101, 120); // low: repaired automatically
  public static final Set<Long> NAME = range(201, 210); // medium: repaired automatically
  public static final Set<Long> CITY = range(301, 310); // medium (json object)
  public static final Set<Long> ORDER_TOTAL = withOrders(401, 10); // medium (json array)
  public static final Set<Long> EMAIL = range(501, 505); // high: held for approval
  public static final Set<Long> BALANCE = range(601, 605); // high
  public static final Set<Long> MISSING = range(701, 708); // high: held for approval
  public static final Set<Long> ORPHAN = range(20_001, 20_004); // reported, never deleted
  // Noise that must compare equal.
  public static final Set<Long> EMAIL_NOISE = range(801, 850); // case and blanks
  public static final Set<Long> NAME_NOISE = range(901, 920); // doubled blanks
  public static final Set<Long> KEY_ORDER_NOISE = range(1001, 1030); // json key order
  public static final Set<Long> SCALE_NOISE = range(1101, 1150); // 12.5 against 12.50
  // In-flight: differ at comparison, fixed before the recheck.
  public static final Set<Long> IN_FLIGHT = range(1201, 1206);

  private DemoDataset() {}

  private static Set<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Long> withOrders(long from, int count) {
    Set<Long> ids = new TreeSet<>();
    for (long id = from; ids.size() < count; id++) {
      if (orderCount(id) > 0) {
        ids.add(id);
      }
    }
    return ids;
  }

  static int orderCount(long id) {
    return (int) (id % 4);
  }

  /** Every key expected as a persistent MISMATCH. */
  public static Set<Long> mismatches() {
    Set<Long> all = new TreeSet<>();
    for (Set<Long> s : List.of(TIER, NAME, CITY, ORDER_TOTAL, EMAIL, BALANCE)) {
      all.addAll(s);
    }
    return all;
  }

  /** Keys whose repair needs an approver: high-severity mismatches and missing documents. */
  public static Set<Long> heldForApproval() {
    Set<Long> all = new TreeSet<>(EMAIL);
    all.addAll(BALANCE);
    all.addAll(MISSING);
    return all;
  }

  public static void seedSource(DataSource source) throws SQLException {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists orders, addresses, customers");
      s.execute(
          "create table customers (id bigint primary key, email text not null, full_name text,"
              + " tier text, balance numeric(12,2), updated_at timestamptz not null)");
      s.execute(
          "create table addresses (customer_id bigint primary key references customers,"
              + " street text, city text, zip text)");
      s.execute(
          "create table orders (id bigint primary key, customer_id bigint references customers,"
              + " total numeric(10,2))");
      s.execute(
          "insert into customers select g, 'user' || g || '@example.com', 'Customer ' || g,"
              + " (array['free','silver','gold'])[g % 3 + 1], (g % 1000) * 1.5,"
              + " timestamptz '2026-11-01 08:00:00+00' + g * interval '1 second'"
              + " + interval '123456 microseconds' from generate_series(1, "
              + CUSTOMERS
              + ") g");
      s.execute(
          "insert into addresses select g, g || ' Main St',"
              + " (array['Lisbon','Oslo','Austin','Osaka','Lyon'])[g % 5 + 1],"
              + " lpad((g * 7 % 100000)::text, 5, '0') from generate_series(1, "
              + CUSTOMERS
              + ") g");
      s.execute(
          "insert into orders select g * 10 + k, g, (k + 1) * 10.5 from generate_series(1, "
              + CUSTOMERS
              + ") g, generate_series(0, 2) k where k < g % 4");
      // The spec's json_agg looks orders up per customer: without this index every row would
      // scan the whole orders table.
      s.execute("create index on orders (customer_id)");
      s.execute("analyze customers; analyze addresses; analyze orders");
    }
  }

  public static void seedTarget(MongoCollection<Document> profiles) {
    profiles.deleteMany(new Document());
    List<Document> batch = new ArrayList<>(1000);
    for (long id = 1; id <= CUSTOMERS; id++) {
      if (MISSING.contains(id)) {
        continue;
      }
      batch.add(profile(id));
      if (batch.size() == 1000) {
        profiles.insertMany(batch);
        batch.clear();
      }
    }
    for (long id : ORPHAN) {
      batch.add(
          new Document("_id", id)
              .append("contact", new Document("email", "ghost" + id + "@example.com"))
              .append("name", "Deleted Customer"));
    }
    profiles.insertMany(batch);
  }

  /** The profile document of customer {@code id} as the sync pipeline wrote it. */
  private static Document profile(long id) {
    String email = "user" + id + "@example.com";
    if (EMAIL.contains(id)) {
      email = "old-address-" + id + "@example.com";
    } else if (EMAIL_NOISE.contains(id)) {
      email = "  USER" + id + "@Example.COM ";
    }
    String name = "Customer " + id;
    if (NAME.contains(id)) {
      name = "Former Name " + id;
    } else if (NAME_NOISE.contains(id)) {
      name = "Customer  " + id;
    }
    String tier = TIERS[(int) (id % 3)];
    if (TIER.contains(id) || IN_FLIGHT.contains(id)) {
      tier = "platinum";
    }
    BigDecimal balance = BigDecimal.valueOf((id % 1000) * 15, 1).setScale(2);
    if (BALANCE.contains(id)) {
      balance = balance.add(new BigDecimal("5.00"));
    } else if (SCALE_NOISE.contains(id)) {
      balance = balance.stripTrailingZeros();
    }
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("street", id + " Main St");
    address.put("city", CITY.contains(id) ? "Atlantis" : CITIES[(int) (id % 5)]);
    address.put("zip", String.format("%05d", id * 7 % 100000));
    Document addressDoc = new Document();
    List<String> keys = new ArrayList<>(address.keySet());
    if (KEY_ORDER_NOISE.contains(id)) {
      java.util.Collections.reverse(keys);
    }
    keys.forEach(k -> addressDoc.append(k, address.get(k)));
    List<Document> orders = new ArrayList<>();
    for (int k = 0; k < orderCount(id); k++) {
      double total = (k + 1) * 10.5;
      if (k == 0 && ORDER_TOTAL.contains(id)) {
        total += 1;
      }
      orders.add(new Document("order_id", id * 10 + k).append("total", total));
    }
    Instant updated = EPOCH.plusSeconds(id).plusMillis(123);
    // Keys alternate between int32 and int64, as drivers of different services write them.
    Object key = id % 2 == 0 ? (Object) id : (Object) (int) id;
    return new Document("_id", key)
        .append("contact", new Document("email", email).append("verified", true))
        .append("name", name)
        .append("tier", tier)
        .append("balance", new Decimal128(balance))
        .append("updatedAt", Date.from(updated))
        .append("address", addressDoc)
        .append("orders", orders)
        .append("marketingOptIn", id % 7 == 0);
  }

  /** What the sync pipeline writes for an in-flight record: the correct tier. */
  public static Document inFlightFix(long id) {
    return new Document("$set", new Document("tier", TIERS[(int) (id % 3)]));
  }
}
