package io.recon.activities.feed.pg;

import io.recon.embedded.EmbeddedPostgresEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Records the {@code pgoutput} messages that {@code PgOutputTest} decodes, from a real embedded
 * PostgreSQL: one line per message, {@code LSN XID HEX}. It was run once to produce {@code
 * src/test/resources/pgoutput/v1-session.hex}; run it again (main, with the output path) only when
 * the session below changes, since the test's expectations are written against that file.
 */
public final class PgOutputRecorder {
  static final String[] SESSION = {
    "create table customer (id int primary key, name text, address_id int)",
    "create table address (address_id int primary key, city text)",
    "alter table address replica identity full",
    // Out of line and uncompressed from 2 kB on, so that an update leaving it alone omits it.
    "alter table customer alter column name set storage external",
    "create publication rec_pub for table customer, address",
    "select pg_create_logical_replication_slot('rec_slot', 'pgoutput')",
    "insert into customer values (1, 'Ann', 10)",
    "update customer set name = 'Anna' where id = 1",
    "update customer set id = 2 where id = 1",
    "delete from customer where id = 2",
    "insert into address values (10, 'Oslo')",
    "update address set city = 'Bergen' where address_id = 10",
    "delete from address where address_id = 10",
    "insert into customer values (3, null, null), (4, 'Øystein', 11)",
    "insert into customer values (5, repeat('x', 3000), 12)",
    "update customer set address_id = 13 where id = 5",
    "truncate customer"
  };

  private PgOutputRecorder() {}

  public static void main(String[] args) throws IOException, SQLException {
    Path out = Path.of(args[0]);
    try (EmbeddedPostgresEngine pg = EmbeddedPostgresEngine.startEphemeral();
        Connection c = pg.dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : SESSION) {
        s.execute(sql);
      }
      List<String> lines = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select lsn, xid, data from pg_logical_slot_peek_binary_changes('rec_slot', null,"
                  + " null, 'proto_version', '1', 'publication_names', 'rec_pub')")) {
        while (rs.next()) {
          lines.add(
              rs.getString(1)
                  + " "
                  + rs.getString(2)
                  + " "
                  + HexFormat.of().formatHex(rs.getBytes(3)));
        }
      }
      s.execute("select pg_drop_replication_slot('rec_slot')");
      Files.write(out, lines, StandardCharsets.UTF_8);
    }
  }
}
