package io.recon.core.canonical;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The unambiguous byte form of canonical values. Every value starts with a type tag and every
 * variable-length part carries its length, so {@code "ab","c"} never encodes like {@code "a","bc"}
 * and a string never encodes like a number.
 */
final class CanonicalEncoder {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
  private final DataOutputStream out = new DataOutputStream(bytes);

  /** Appends {@code value} as it is hashed. */
  CanonicalEncoder value(CanonicalValue value) {
    try {
      // Java 17 has no pattern switch; the sealed interface keeps this chain complete.
      if (value instanceof CanonicalValue.Null) {
        out.writeByte('N');
      } else if (value instanceof CanonicalValue.Absent) {
        out.writeByte('A');
      } else if (value instanceof CanonicalValue.Invalid i) {
        out.writeByte('X');
        out.writeByte(i.side());
        text(i.found());
      } else if (value instanceof CanonicalValue.Special x) {
        out.writeByte('Z');
        out.writeByte(x.ordinal());
      } else if (value instanceof CanonicalValue.Text t) {
        out.writeByte('S');
        text(t.value());
      } else if (value instanceof CanonicalValue.Num n) {
        out.writeByte('D');
        text(n.value().toPlainString());
      } else if (value instanceof CanonicalValue.Dbl d) {
        out.writeByte('F');
        text(d.rounded().toString());
      } else if (value instanceof CanonicalValue.Bool b) {
        out.writeByte(b.value() ? 'T' : 'f');
      } else if (value instanceof CanonicalValue.Timestamp t) {
        out.writeByte('I');
        out.writeLong(t.hashed().getEpochSecond());
        out.writeInt(t.hashed().getNano());
      } else if (value instanceof CanonicalValue.Day d) {
        out.writeByte('Y');
        out.writeLong(d.value().toEpochDay());
      } else if (value instanceof CanonicalValue.Uuid u) {
        out.writeByte('U');
        out.writeLong(u.value().getMostSignificantBits());
        out.writeLong(u.value().getLeastSignificantBits());
      } else if (value instanceof CanonicalValue.Json j) {
        out.writeByte('J');
        json(j.tree());
      } else {
        throw new IllegalArgumentException("unknown canonical value " + value);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends a normalized JSON tree (see {@link JsonTree}). */
  CanonicalEncoder json(Object tree) {
    try {
      if (tree == null) {
        out.writeByte('n');
      } else if (tree instanceof Map<?, ?> m) {
        out.writeByte('{');
        out.writeInt(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          text((String) e.getKey());
          json(e.getValue());
        }
      } else if (tree instanceof List<?> l) {
        out.writeByte('[');
        out.writeInt(l.size());
        for (Object o : l) {
          json(o);
        }
      } else if (tree instanceof BigDecimal d) {
        out.writeByte('#');
        text(d.toString());
      } else if (tree instanceof Boolean b) {
        out.writeByte(b ? 't' : 'F');
      } else {
        out.writeByte('s');
        text((String) tree);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends a length-prefixed byte block, used to frame each field of a record. */
  CanonicalEncoder block(byte[] block) {
    try {
      out.writeInt(block.length);
      out.write(block);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void text(String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
