package io.recon.activities.source;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one column into the Java type the canonicalizer expects: json as text, numeric as
 * BigDecimal, java.time for dates and times, arrays as lists. The driver's defaults (PGobject,
 * java.sql.Timestamp in the JVM's zone) would compare wrongly.
 */
final class JdbcValues {
  private JdbcValues() {}

  /** The value of column {@code i}, whose PostgreSQL type name is {@code type} (lower case). */
  static Object read(ResultSet rs, int i, String type) throws SQLException {
    Object value =
        switch (type) {
          case "json", "jsonb" -> rs.getString(i);
          case "numeric" -> rs.getBigDecimal(i);
          case "timestamptz" -> rs.getObject(i, OffsetDateTime.class);
          case "timestamp" -> rs.getObject(i, LocalDateTime.class);
          case "date" -> rs.getObject(i, LocalDate.class);
          default -> type.startsWith("_") ? array(rs.getArray(i)) : rs.getObject(i);
        };
    return rs.wasNull() ? null : value;
  }

  private static List<Object> array(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    Object elements = array.getArray();
    return elements instanceof Object[] objects ? toList(objects) : List.of(elements);
  }

  private static List<Object> toList(Object[] objects) {
    var list = new ArrayList<>(objects.length);
    for (Object o : objects) {
      list.add(o instanceof Object[] nested ? toList(nested) : o);
    }
    return list;
  }
}
