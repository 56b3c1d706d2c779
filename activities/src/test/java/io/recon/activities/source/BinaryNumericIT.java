package io.recon.activities.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.embedded.testing.SharedEngines;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postgresql.PGResultSetMetaData;

/**
 * {@link JdbcValues#numeric} decodes PostgreSQL's binary numeric into exactly the BigDecimal the
 * driver's {@code getBigDecimal} builds from the same bytes (equal value and equal scale), or
 * declines (null) and leaves the value to the driver: never a different number. It declines only
 * values of more than 15 digits (and NaN, the infinities).
 */
class BinaryNumericIT {
  private static final String[] FIXED = {
    "0",
    "0.00",
    "-0.00",
    "0.0000000001",
    "1",
    "-1",
    "9999",
    "10000",
    "10001",
    "0.5",
    "-0.005",
    "123.456",
    "1234567890.12",
    "-99999999999.99",
    "999999999999999999",
    "1000000000000000000",
    "99999999999999999.9",
    "0.000000000000000001",
    "12345678901234567890.12",
    "1e20",
    "1e-20",
    "1e100",
    "1.50",
    "100.00",
    "1000000",
    "0.10000",
    "-12345678.90",
    "NaN",
    "Infinity",
    "-Infinity"
  };

  @Test
  void decodesWhatTheDriverDecodesOrDeclines() throws Exception {
    var texts = new ArrayList<>(List.of(FIXED));
    var random = new Random(17);
    for (int i = 0; i < 3_000; i++) {
      int digits = 1 + random.nextInt(22);
      var unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
      if (random.nextBoolean()) {
        unscaled = unscaled.negate();
      }
      texts.add(new BigDecimal(unscaled, random.nextInt(digits + 4) - 2).toPlainString());
    }
    // prepareThreshold=-1: the driver asks for binary results from the first execution.
    String url = SharedEngines.newPostgresDatabase() + "?prepareThreshold=-1";
    int decoded = 0;
    int declined = 0;
    try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
      try (Statement s = c.createStatement()) {
        s.execute("create table n (i int primary key, v numeric, m numeric(12,2))");
      }
      try (PreparedStatement ps =
          c.prepareStatement("insert into n values (?, ?::numeric, round(?::numeric, 2))")) {
        for (int i = 0; i < texts.size(); i++) {
          ps.setInt(1, i);
          ps.setString(2, texts.get(i));
          String m = texts.get(i);
          boolean fits =
              !m.contains("N") && !m.contains("I") && new BigDecimal(m).abs().doubleValue() < 1e9;
          ps.setString(3, fits ? m : "0");
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("select v, m from n order by i");
          ResultSet rs = ps.executeQuery()) {
        var md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
        assertEquals(1, md.getFormat(1), "the test must read the binary format");
        assertEquals(1, md.getFormat(2), "the test must read the binary format");
        int row = 0;
        while (rs.next()) {
          for (int col = 1; col <= 2; col++) {
            byte[] bytes = rs.getBytes(col);
            BigDecimal mine = JdbcValues.numeric(bytes);
            String text = rs.getString(col);
            if (text.equals("NaN") || text.endsWith("Infinity")) {
              assertNull(mine, text);
              continue;
            }
            BigDecimal driver = rs.getBigDecimal(col);
            if (mine == null) {
              declined++;
              assertTrue(
                  driver.unscaledValue().abs().compareTo(BigInteger.TEN.pow(15)) >= 0,
                  "declined a small value " + driver + " (row " + row + ")");
            } else {
              decoded++;
              // BigDecimal.equals compares the scale too.
              assertEquals(driver, mine, "row " + row + ", " + text);
              assertEquals(driver.scale(), mine.scale(), text);
            }
          }
          row++;
        }
        assertEquals(texts.size(), row);
      }
    }
    assertTrue(decoded > 4_000, "decoded " + decoded);
    assertTrue(declined > 100, "declined " + declined);
  }

  @Test
  void declinesBytesThatAreNotANumeric() {
    assertNull(JdbcValues.numeric(new byte[0]));
    assertNull(JdbcValues.numeric(new byte[] {0, 1, 0, 0, 0, 0, 0, 0})); // one digit, no bytes
    assertNull(JdbcValues.numeric(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0x27, 0x10})); // 10000
    assertNull(JdbcValues.numeric(new byte[] {0, 0, 0, 0, (byte) 0xC0, 0, 0, 0})); // NaN
    assertEquals(
        new BigDecimal("12.30"),
        JdbcValues.numeric(new byte[] {0, 2, 0, 0, 0, 0, 0, 2, 0, 12, 0x0b, (byte) 0xb8}));
  }
}
