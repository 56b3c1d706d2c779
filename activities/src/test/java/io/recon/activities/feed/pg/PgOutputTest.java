package io.recon.activities.feed.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Decodes the pgoutput messages a real PostgreSQL 14 sent for {@link PgOutputRecorder#SESSION}
 * (recorded once in {@code pgoutput/v1-session.hex}).
 */
class PgOutputTest {
  private static final List<PgMessage> MESSAGES = new ArrayList<>();
  private static final List<String> LSNS = new ArrayList<>();

  @BeforeAll
  static void decodeTheRecording() throws IOException {
    try (InputStream in = PgOutputTest.class.getResourceAsStream("/pgoutput/v1-session.hex")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split(" ");
        LSNS.add(parts[0]);
        MESSAGES.add(PgOutput.decode(ByteBuffer.wrap(HexFormat.of().parseHex(parts[2]))));
      }
    }
  }

  private static <T> T at(int i, Class<T> type) {
    return assertInstanceOf(type, MESSAGES.get(i), "message " + i);
  }

  private static List<String> texts(Tuple t) {
    return t.values();
  }

  @Test
  void everyTransactionIsBeginThenChangesThenCommitWithTheCommitLsnToConfirm() {
    PgMessage.Begin begin = at(0, PgMessage.Begin.class);
    PgMessage.Commit commit = at(3, PgMessage.Commit.class);
    assertEquals(738, begin.xid());
    assertEquals(begin.finalLsn(), commit.commitLsn());
    // The end LSN is where the next transaction's messages start: the position to confirm.
    assertEquals(LSNS.get(4), LogSequenceNumber.valueOf(commit.endLsn()).asString());
    assertEquals(begin.commitTime(), commit.commitTime());
    assertTrue(commit.commitTime().isAfter(Instant.parse("2020-01-01T00:00:00Z")));
  }

  @Test
  void relationNamesTheTableItsIdentityAndWhichColumnsAreTheKey() {
    PgMessage.Relation customer = at(1, PgMessage.Relation.class);
    assertEquals("public", customer.namespace());
    assertEquals("customer", customer.name());
    assertEquals('d', customer.replicaIdentity());
    assertEquals(
        List.of(
            new PgMessage.Column(true, "id", 23, -1),
            new PgMessage.Column(false, "name", 25, -1),
            new PgMessage.Column(false, "address_id", 23, -1)),
        customer.columns());
    assertEquals(2, customer.indexOf("address_id"));
    assertEquals(-1, customer.indexOf("nope"));
    assertEquals('f', at(14, PgMessage.Relation.class).replicaIdentity());
  }

  @Test
  void insertCarriesTheNewRowAsText() {
    PgMessage.Insert insert = at(2, PgMessage.Insert.class);
    assertEquals(at(1, PgMessage.Relation.class).oid(), insert.relation());
    assertEquals(List.of("1", "Ann", "10"), texts(insert.newRow()));
  }

  @Test
  void updateOfANonKeyColumnSendsNoOldRowAndAKeyChangeSendsTheOldKey() {
    PgMessage.Update plain = at(5, PgMessage.Update.class);
    assertNull(plain.oldRow());
    assertEquals(List.of("1", "Anna", "10"), texts(plain.newRow()));
    PgMessage.Update keyChange = at(8, PgMessage.Update.class);
    assertEquals(Arrays.asList("1", null, null), texts(keyChange.oldRow()));
    assertEquals(List.of("2", "Anna", "10"), texts(keyChange.newRow()));
  }

  @Test
  void deleteUnderTheDefaultIdentitySendsTheOldKeyAndUnderFullTheOldRow() {
    assertEquals(Arrays.asList("2", null, null), texts(at(11, PgMessage.Delete.class).oldRow()));
    assertEquals(List.of("10", "Bergen"), texts(at(21, PgMessage.Delete.class).oldRow()));
    PgMessage.Update full = at(18, PgMessage.Update.class);
    assertEquals(List.of("10", "Oslo"), texts(full.oldRow()));
    assertEquals(List.of("10", "Bergen"), texts(full.newRow()));
  }

  @Test
  void nullsAndUtf8SurviveAndOneTransactionCarriesSeveralRows() {
    assertEquals(Arrays.asList("3", null, null), texts(at(24, PgMessage.Insert.class).newRow()));
    assertEquals(List.of("4", "Øystein", "11"), texts(at(25, PgMessage.Insert.class).newRow()));
    assertEquals(
        at(23, PgMessage.Begin.class).finalLsn(), at(26, PgMessage.Commit.class).commitLsn());
  }

  @Test
  void anUpdateThatLeavesALargeValueAloneMarksItUnchangedInsteadOfSendingIt() {
    assertEquals(3000, at(28, PgMessage.Insert.class).newRow().text(1).length());
    Tuple row = at(31, PgMessage.Update.class).newRow();
    assertTrue(row.isUnchanged(1));
    assertNull(row.text(1));
    assertEquals("13", row.text(2));
  }

  @Test
  void truncateNamesTheTables() {
    PgMessage.Truncate truncate = at(35, PgMessage.Truncate.class);
    assertEquals(List.of(at(34, PgMessage.Relation.class).oid()), truncate.relations());
    assertEquals(false, truncate.cascade());
  }

  @Test
  void aCutMessageOrAnUnknownTypeIsAOneLineErrorNamingIt() {
    byte[] insert = HexFormat.of().parseHex("49000040004e0003740000000131");
    PgOutputException cut =
        assertThrows(PgOutputException.class, () -> PgOutput.decode(ByteBuffer.wrap(insert)));
    assertEquals("pgoutput message 'I' ends early at byte 14", cut.getMessage());
    PgOutputException unknown =
        assertThrows(
            PgOutputException.class, () -> PgOutput.decode(ByteBuffer.wrap(new byte[] {'S', 0})));
    assertTrue(unknown.getMessage().startsWith("unsupported pgoutput message type 'S'"));
  }

  @Test
  void timestampsCountFromPostgresEpoch() {
    assertEquals(Instant.parse("2000-01-01T00:00:00Z"), PgOutput.time(0));
    assertEquals(Instant.parse("1999-12-31T23:59:59.999999Z"), PgOutput.time(-1));
  }
}
