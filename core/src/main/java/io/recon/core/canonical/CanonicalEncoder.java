package io.recon.core.canonical;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The unambiguous byte form of canonical values. Every value starts with a type tag and every
 * variable-length part carries its length, so {@code "ab","c"} never encodes like {@code "a","bc"}
 * and a string never encodes like a number.
 *
 * <p>The bytes are written big-endian into one growable array, which {@link #reset} reuses: a
 * reader encodes every record of a range into the same buffer, with no stream, array or copy per
 * value (see {@link CanonicalRecord}).
 */
final class CanonicalEncoder {
  private byte[] buf;
  private int pos;

  CanonicalEncoder() {
    this(64);
  }

  CanonicalEncoder(int capacity) {
    this.buf = new byte[capacity];
  }

  /** Empties the buffer for the next use, keeping its capacity. */
  CanonicalEncoder reset() {
    pos = 0;
    return this;
  }

  /** Appends {@code value} as it is hashed. */
  CanonicalEncoder value(CanonicalValue value) {
    // Java 17 has no pattern switch; the sealed interface keeps this chain complete.
    if (value instanceof CanonicalValue.Null) {
      writeByte('N');
    } else if (value instanceof CanonicalValue.Absent) {
      writeByte('A');
    } else if (value instanceof CanonicalValue.Invalid i) {
      writeByte('X');
      writeByte(i.side());
      text(i.found());
    } else if (value instanceof CanonicalValue.Special x) {
      writeByte('Z');
      writeByte(x.ordinal());
    } else if (value instanceof CanonicalValue.Text t) {
      writeByte('S');
      text(t.value());
    } else if (value instanceof CanonicalValue.Num n) {
      writeByte('D');
      plain(n.value());
    } else if (value instanceof CanonicalValue.Dbl d) {
      writeByte('F');
      text(d.rounded().toString());
    } else if (value instanceof CanonicalValue.Bool b) {
      writeByte(b.value() ? 'T' : 'f');
    } else if (value instanceof CanonicalValue.Timestamp t) {
      writeByte('I');
      writeLong(t.hashed().getEpochSecond());
      writeInt(t.hashed().getNano());
    } else if (value instanceof CanonicalValue.Day d) {
      writeByte('Y');
      writeLong(d.value().toEpochDay());
    } else if (value instanceof CanonicalValue.Uuid u) {
      writeByte('U');
      writeLong(u.value().getMostSignificantBits());
      writeLong(u.value().getLeastSignificantBits());
    } else if (value instanceof CanonicalValue.Json j) {
      writeByte('J');
      json(j.tree());
    } else {
      throw new IllegalArgumentException("unknown canonical value " + value);
    }
    return this;
  }

  /**
   * Appends {@code value} as a length-prefixed block, exactly as {@code block(encoding of value)}
   * would, without building that encoding apart: the length is written once the value is.
   */
  CanonicalEncoder framedValue(CanonicalValue value) {
    int at = pos;
    writeInt(0);
    value(value);
    putInt(at, pos - at - 4);
    return this;
  }

  /** Appends a normalized JSON tree (see {@link JsonTree}). */
  CanonicalEncoder json(Object tree) {
    if (tree == null) {
      writeByte('n');
    } else if (tree instanceof Map<?, ?> m) {
      writeByte('{');
      writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        text((String) e.getKey());
        json(e.getValue());
      }
    } else if (tree instanceof List<?> l) {
      writeByte('[');
      int n = l.size();
      writeInt(n);
      if (l instanceof RandomAccess) {
        for (int k = 0; k < n; k++) { // no iterator per array: the readers' hot path
          json(l.get(k));
        }
      } else {
        for (Object o : l) {
          json(o);
        }
      }
    } else if (tree instanceof BigDecimal d) {
      writeByte('#');
      text(d.toString());
    } else if (tree instanceof Boolean b) {
      writeByte(b ? 't' : 'F');
    } else {
      writeByte('s');
      text((String) tree);
    }
    return this;
  }

  /** Appends a length-prefixed byte block, used to frame each field of a record. */
  CanonicalEncoder block(byte[] block) {
    writeInt(block.length);
    ensure(block.length);
    System.arraycopy(block, 0, buf, pos, block.length);
    pos += block.length;
    return this;
  }

  /** Appends a 4-byte big-endian int, as DataOutput does. */
  CanonicalEncoder writeInt(int v) {
    ensure(4);
    putInt(pos, v);
    pos += 4;
    return this;
  }

  /**
   * Appends {@code d.toPlainString()} as {@link #text} would, writing the digits of a decimal of up
   * to 18 digits and a non-negative scale straight from its unscaled value, without the strings
   * {@code toPlainString} builds.
   */
  void plain(BigDecimal d) {
    int scale = d.scale();
    if (scale < 0 || scale > 18 || d.precision() > 18) {
      text(d.toPlainString());
      return;
    }
    // Its unscaled value, as scale 0 moves the point: no BigInteger, which unscaledValue() builds.
    long u = d.scaleByPowerOfTen(scale).longValue();
    boolean negative = u < 0;
    long abs = Math.abs(u);
    int digits = Math.max(digitCount(abs), scale + 1); // at least one digit before the point
    int n = (negative ? 1 : 0) + digits + (scale > 0 ? 1 : 0);
    ensure(4 + n);
    putInt(pos, n);
    int end = pos + 4 + n;
    int at = end;
    for (int k = 0; k < digits; k++) {
      if (k == scale && scale > 0) {
        buf[--at] = '.';
      }
      buf[--at] = (byte) ('0' + abs % 10);
      abs /= 10;
    }
    if (negative) {
      buf[--at] = '-';
    }
    pos = end;
  }

  private static int digitCount(long abs) {
    int n = 1;
    while (abs >= 10) {
      abs /= 10;
      n++;
    }
    return n;
  }

  private void text(String s) {
    int n = s.length();
    // Most text is ASCII: its UTF-8 bytes are its chars, written without an intermediate array.
    ensure(4 + n);
    int at = pos + 4;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
        return;
      }
      buf[at + i] = (byte) c;
    }
    putInt(pos, n);
    pos += 4 + n;
  }

  private void writeByte(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  private void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  private void putInt(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  /** The bytes written since the last reset; valid until the next write. */
  byte[] buffer() {
    return buf;
  }

  /** How many bytes were written since the last reset. */
  int length() {
    return pos;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}
